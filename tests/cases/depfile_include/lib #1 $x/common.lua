-- SPDX-License-Identifier: MIT
fragment "common" {
  arch    = "aarch64le",
  qnx     = "7.1",
  image   = { base = 0x40100000, format = "raw" },
  startup = { "startup-test" },
  kernel  = { "procnto-smp-instr" },
}
