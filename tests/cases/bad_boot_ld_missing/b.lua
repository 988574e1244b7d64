board "b" {
  arch    = "x86_64",
  qnx     = "8.0",
  image   = { format = "bios" },
  startup = { "startup-x86" },
  kernel  = { "procnto-smp-instr" },
  files   = { ["/lib/libc.so.6"] = "libc.so.6", ["libgcc_s.so.1"] = true },
}
