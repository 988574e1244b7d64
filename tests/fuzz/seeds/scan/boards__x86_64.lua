-- SPDX-License-Identifier: MIT
-- x86_64: a generic x86_64 PC as a QNX Hypervisor 2.2 host (QNX 7.1),
-- booted by the BIOS, running a QNX guest and a Linux guest.

guest "qnx71-x86" {
  include     = { "qnx-x86_64" },
  description = "QNX 7.1 guest of the x86_64 host",
}

guest "linux-x86" {
  include     = { "linux-x86_64" },
  description = "Linux guest of the x86_64 host",
}

board "x86_64" {
  include     = { "hypervisor-host" },
  description = "generic x86_64 PC, QNX Hypervisor 2.2 host",
  arch        = "x86_64",
  qnx         = "7.1",
  image       = { format = "bios", compress = true },
  attributes  = { uid = 0, gid = 0 },
  startup     = { "startup-x86", "-v", keeplinked = true },
  kernel      = { "procnto-smp-instr", "-v", keeplinked = true },
  script = {
    "procmgr_symlink ../../proc/boot/libc.so /usr/lib/ldqnx-64.so.2",
    { "slogger2", bg = true },
    { "waitfor", "/dev/slog2" },
    { "devc-ser8250", "-e", "-b115200", "0x3f8,4", bg = true },
    { "waitfor", "/dev/ser1" },
    { "reopen", "/dev/ser1" },
    { "pci-server", "--config=/etc/pci_server.cfg", bg = true },
    { "waitfor", "/dev/pci" },
    { "io-pkt-v6-hc", "-d", "vdevpeer-net", bg = true },
    { "ksh", session = true, bg = true },
  },
  files = {
    ["libc.so"] = true,
    ["/usr/lib/ldqnx-64.so.2"] = { link = "/proc/boot/libc.so" },
    ["slogger2"] = true,
    ["devc-ser8250"] = true,
    ["pci-server"] = true,
    ["/etc/pci_server.cfg"] = { perms = "0444", contents = "[buscfg]\nDO_BUS_CONFIG=no\n" },
    ["io-pkt-v6-hc"] = true,
    ["devnp-vdevpeer-net.so"] = true,
    ["ksh"] = true,
    ["/bin/sh"] = { link = "/proc/boot/ksh" },
    ["/bin/qvm-check"] = { "qvm-check", optional = true },
  },
  guests = { "qnx71-x86", "linux-x86" },
}
