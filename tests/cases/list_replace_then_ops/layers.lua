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
  script = append { "two" },
}

-- a plain list replaces what came before, operations before it included
board "c" {
  include = { "b" },
  script = { "fresh" },
  kernel = { keeplinked = true },   -- keys only: the list part stays
  files = { fresh = true },         -- what the script runs
}
