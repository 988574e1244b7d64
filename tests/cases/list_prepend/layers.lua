fragment "tiny" {
  arch    = "aarch64le",
  image   = { format = "raw" },
  startup = { "startup-test" },
  kernel  = { "procnto-smp-instr" },
}

fragment "a" {
  include = { "tiny" },
  script = { "three" },
}

fragment "b" {
  include = { "a" },
  script = prepend { "one", "two" },
}

board "c" {
  include = { "b" },
  script = prepend { "zero" },
  startup = prepend { "startup-first" },
  files = { zero = true, one = true, two = true, three = true },  -- what the script runs
}
