-- SPDX-License-Identifier: MIT
-- NXP i.MX8QM MEK as a QNX Hypervisor 8.0 host: virtualization is built
-- into the 8.0 kernel, so startup enables it (-Q enable,el2-host, added by
-- the core) and procnto needs no module. It runs a Linux guest.

board "imx8qm" {
  include     = { "hypervisor-host" },
  description = "NXP i.MX8QM MEK, QNX Hypervisor 8.0 host",
  arch        = "aarch64le",
  qnx         = "8.0",
  image       = { base = 0x80000000, format = "raw", compress = true },
  attributes  = { uid = 0, gid = 0 },
  hypervisor  = { host_mode = "el2" },
  startup     = { "startup-iMX8QM", "-P", "1", "-W", "-vv", keeplinked = true },
  kernel      = { "procnto-smp-instr", "-v", keeplinked = true },
  script = {
    "procmgr_symlink ../../proc/boot/libc.so /usr/lib/ldqnx-64.so.2",
    { "slogger2", bg = true },
    { "waitfor", "/dev/slog2" },
    { "devc-serimx", "-e", "-F", "-S", "-c80000000", "0x5a060000,377", bg = true },
    { "waitfor", "/dev/ser1" },
    { "reopen", "/dev/ser1" },
    { "io-sock", "-m", "vdevpeer-net", bg = true },
    { "waitfor", "/dev/socket" },
    "ifconfig vp0 create up",
    { "ksh", session = true, bg = true },
  },
  files = {
    ["libc.so"] = true,
    ["/usr/lib/ldqnx-64.so.2"] = { link = "/proc/boot/libc.so" },
    ["slogger2"] = true,
    ["devc-serimx"] = true,
    ["io-sock"] = true,
    ["mods-vdevpeer-net.so"] = true,
    ["ifconfig"] = true,
    ["vpctl"] = true,
    ["ksh"] = true,
    ["/bin/sh"] = { link = "/proc/boot/ksh" },
  },
  guests = { "linux" },
}
