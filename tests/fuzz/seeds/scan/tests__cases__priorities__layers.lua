fragment "tiny" {
  arch    = "aarch64le",
  image   = { format = "raw" },
  startup = { "startup-test" },
  kernel  = { "procnto-smp-instr" },
}

fragment "a" {
  include = { "tiny" },
  image = { base = force(0x1000), format = "elf" },
  env = { A = "plain-a", B = default "default-a" },
}

fragment "b" {
  include = { "a" },
  image = { base = 0x2000, format = default "binary" },
  env = { A = default "default-b", B = "plain-b", C = force "force-b" },
}

board "c" {
  include = { "b" },
  env = { C = "plain-c", D = default "default-c" },
  image = { base = force(0x3000) },
}
