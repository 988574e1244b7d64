board "b" {
  arch    = "aarch64le",
  image   = { format = "raw" },
  startup = { "startup-rcar_h3" },
  kernel  = { "procnto-smp-instr" },
  script  = { "procmgr_symlink ../../proc/boot/ldqnx-64.so.2 /usr/lib/ldqnx-64.so.2" },
  files   = { ["libc.so"] = true, ["ldqnx-64.so.2"] = true },
}
