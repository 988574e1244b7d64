fragment "tiny" {
  arch    = "aarch64le",
  image   = { format = "raw" },
  startup = { "startup-test" },
  kernel  = { "procnto-smp-instr" },
}

fragment "a" {
  include = { "tiny" },
  script = { "one" },
}

fragment "b" {
  include = { "a" },
  script = append { "two", "three" },
}

board "c" {
  include = { "b" },
  script = append { { "four", bg = true } },
  files = { one = true, two = true, three = true, four = true },  -- what the script runs
}
