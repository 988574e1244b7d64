-- SPDX-License-Identifier: MIT
-- Raspberry Pi 4 (BCM2711) as a QNX Hypervisor 8.0 host. The Pi boots its
-- host at EL1 (no VHE), so startup gets -Q enable,el1-host. Its SPI
-- controller is described as a device a guest may be given: the host then
-- stops driving it.

board "rpi4" {
  include     = { "hypervisor-host" },
  description = "Raspberry Pi 4, QNX Hypervisor 8.0 host",
  arch        = "aarch64le",
  qnx         = "8.0",
  image       = { base = 0x80000, format = "raw", compress = false },
  attributes  = { uid = 0, gid = 0 },
  hypervisor  = { host_mode = "el1" },
  startup     = { "startup-bcm2711-rpi4", "-v", "-D", "miniuart", "-W", "2500", "-u", "reg",
                  "-r", "0,4096,1", keeplinked = true },
  kernel      = { "procnto-smp-instr", "-v", keeplinked = true },
  devices = {
    spi0 = {
      doc    = "BCM2711 SPI0 controller",
      loc    = "mem:0xfe204000,0x1000,rwn",
      intr   = "gic:150=150",
      driver = { programs = { "spi-bcm2711" }, files = { "spi-bcm2711" } },
    },
  },
  script = {
    "procmgr_symlink ../../proc/boot/libc.so /usr/lib/ldqnx-64.so.2",
    { "slogger2", bg = true },
    { "waitfor", "/dev/slog2" },
    { "devc-serminiuart", "-e", "-F", "-b115200", "-c500000000", "0xfe215040,125", bg = true },
    { "waitfor", "/dev/ser1" },
    { "reopen", "/dev/ser1" },
    { "spi-bcm2711", bg = true },
    { "ksh", session = true, bg = true },
  },
  files = {
    ["libc.so"] = true,
    ["/usr/lib/ldqnx-64.so.2"] = { link = "/proc/boot/libc.so" },
    ["slogger2"] = true,
    ["devc-serminiuart"] = true,
    ["spi-bcm2711"] = true,
    ["ksh"] = true,
    ["/bin/sh"] = { link = "/proc/boot/ksh" },
    ["/bin/qvm-check"] = { "qvm-check", optional = true },
  },
  guests = { "qnx80" },
}
