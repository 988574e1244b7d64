fragment "tiny" {
  arch    = "aarch64le",
  image   = { format = "raw" },
  startup = { "startup-test" },
  kernel  = { "procnto-smp-instr" },
}

fragment "a" {
  include = { "tiny" },
  script = { "one", "two", "three", "two" },
  files = { ["libm.so"] = true },
}

-- remove drops every equal element of what it inherits
fragment "b" {
  include = { "a" },
  script = remove { "two", "not-there" },
}

-- a later layer may add a removed element back
board "c" {
  include = { "b" },
  script = append { "two" },
  files = { one = true, two = true, three = true },  -- what the script runs (maps merge)
}
