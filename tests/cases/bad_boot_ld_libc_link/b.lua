-- The SDP 6.x way: the runtime linker as a link to libc.so, by a link
-- entry and by procmgr_symlink.
board "b" {
  arch    = "aarch64le",
  image   = { format = "raw" },
  startup = { "startup-rcar_h3" },
  kernel  = { "procnto-smp-instr" },
  script  = { "procmgr_symlink ../../proc/boot/libc.so /usr/lib/ldqnx-64.so.2" },
  files   = {
    ["libc.so"]       = true,
    ["libgcc_s.so.1"] = true,
    ["/usr/lib/ldqnx-64.so.2"] = { link = "/proc/boot/libc.so.5" },
  },
}
