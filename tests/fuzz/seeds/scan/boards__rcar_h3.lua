-- SPDX-License-Identifier: MIT
-- Renesas R-Car H3 (Salvator-X/XS) as a QNX Hypervisor 2.2 host, QNX 7.1:
-- the example host of the QNX Hypervisor documentation. Its guest, qnx71,
-- is in boards/guests/qnx71.lua.

board "rcar_h3" {
  include     = { "hypervisor-host" },
  description = "Renesas R-Car H3 Salvator-X, QNX Hypervisor 2.2 host",
  arch        = "aarch64le",
  qnx         = "7.1",
  image       = { compress = true, base = 0x40100000, format = "raw" },
  attributes  = { uid = 0, gid = 0 },
  startup     = { "startup-rcar_h3", "-P1", "-W", "-vv", keeplinked = true },
  kernel      = { "procnto-smp-instr", "-ae", "-v", keeplinked = true },
  env = {
    PATH            = { "/proc/boot", "/sbin", "/bin", "/usr/bin", "/opt/bin/sbin", "/usr/sbin" },
    LD_LIBRARY_PATH = { "/proc/boot", "/lib", "/usr/lib", "/lib/dll", "/opt/lib" },
  },
  script = {
    "procmgr_symlink ../../proc/boot/libc.so /usr/lib/ldqnx-64.so.2",
    { "display_msg", "Welcome to QNX Hypervisor on R-Car H3" },
    { "slogger2", bg = true },
    { "waitfor", "/dev/slog2" },
    { "pipe", bg = true },
    { "devc-serscif", "-e", "-F", "-b115200", "-c266666666/16", "scif2", bg = true },
    { "waitfor", "/dev/ser1", "4" },
    { "reopen", "/dev/ser1" },
    { "ksh", session = true, bg = true },
  },
  files = {
    ["libc.so"]        = true,
    ["libgcc_s.so.1"]  = true,
    ["/usr/lib/ldqnx-64.so.2"] = { link = "/proc/boot/libc.so" },
    ["/tmp"]           = { link = "/dev/shmem" },
    ["slogger2"]       = true,
    ["pipe"]           = true,
    ["devc-serscif"]   = true,
    ["ksh"]            = true,
    ["/bin/sh"]        = { link = "/proc/boot/ksh" },
    ["ls"]             = true,
    ["pidin"]          = true,
    ["slay"]           = true,
    ["/etc/profile"]   = { perms = "0444", contents = "export PATH=/proc/boot:/sbin:/bin:/usr/bin\n" },
  },
  guests = { "qnx71" },
}
