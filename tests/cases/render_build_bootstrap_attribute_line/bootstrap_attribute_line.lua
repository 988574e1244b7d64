-- bootstrap_attribute_line: imported from an mkifs buildfile by mkbuildfile import.

board "bootstrap_attribute_line" {
  arch    = "x86_64",
  image   = { format = "bios" },
  startup = { "startup-x86" },
  bootstrap = {
    { keeplinked = true },
  },
  kernel  = { "procnto-smp-instr" },
}
