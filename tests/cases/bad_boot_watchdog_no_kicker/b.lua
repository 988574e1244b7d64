board "b" {
  arch    = "aarch64le",
  qnx     = "8.0",
  image   = { format = "raw" },
  startup = { "startup-bcm2711-rpi4", "-v", "-W", "2500" },
  kernel  = { "procnto-smp-instr" },
  script  = { { "devc-serminiuart", "-e", "0xfe215000,125" }, { "ksh", session = true, bg = true } },
  files   = { ksh = true, ["devc-serminiuart"] = true },
}
