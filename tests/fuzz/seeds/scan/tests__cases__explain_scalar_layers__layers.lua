-- image.base along four layers: a default, a force, a plain value in the
-- board and a plain value from --set. The force wins wherever it is.
fragment "tiny" {
  arch    = "aarch64le",
  image   = { format = "raw", base = default(0x1000) },
  startup = { "startup-test" },
  kernel  = { "procnto-smp-instr" },
}

fragment "more" {
  include = { "tiny" },
  image   = { base = force(0x2000) },
}

board "b" {
  include = { "more" },
  image   = { base = 0x3000 },
}
