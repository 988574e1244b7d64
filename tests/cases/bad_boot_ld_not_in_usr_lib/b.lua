-- The linker is in the image, but nothing puts it where programs load it.
board "c" {
  arch    = "x86_64",
  image   = { format = "bios" },
  startup = { "startup-x86" },
  kernel  = { "procnto-smp-instr" },
  files   = { ["libc.so"] = true, ["libgcc_s.so.1"] = true, ["ldqnx-64.so.2"] = true },
}
