-- SPDX-License-Identifier: MIT
-- Raspberry Pi 4 (BCM2711) as a QNX Hypervisor 8.0 host, after QNX's own
-- RPi4 BSP (BSP_raspberrypi-bcm2711-rpi4_be-800, as published in
-- sunnnnny484/pi4_hypervisor_host: images/definitions.m4, images/rpi4.build)
-- and the host of QNX's RPi4 hypervisor guide (PM-Maestro-ITI-GP-Org/
-- Qnx_Hypervisor_rbye, qnx_host/images/rpi4-hypervisor.build). Its SPI
-- controller is described as a device a guest may be given: the host then
-- stops driving it.

board "rpi4" {
  include     = { "hypervisor-host" },
  description = "Raspberry Pi 4, QNX Hypervisor 8.0 host",
  arch        = "aarch64le",
  qnx         = "8.0",
  image       = { base = 0x80000, format = "raw", compress = false },
  attributes  = { uid = 0, gid = 0 },
  -- The Pi's Cortex-A72 has no VHE: QNX's guide runs the host at EL1
  -- (-Q enable,el1-host; its boot log: "Enabling EL1 host hypervisor
  -- support"); el2-host would stop startup.
  hypervisor  = { host_mode = "el1" },
  -- -W 2500 arms the BCM2711 PM watchdog (startup main.c and init_wdt.c of
  -- the BSP), so the script starts wdtkick.
  startup     = { "startup-bcm2711-rpi4", "-v", "-D", "miniuart", "-W", "2500", "-u", "reg",
                  "-r", "0,4096,1", keeplinked = true },
  kernel      = { "procnto-smp-instr", "-v", keeplinked = true },
  -- The Pi's PCIe: the BSP's hardware module (PCI_HW_MODULE=/lib/dll/pci/
  -- pci_hw-bcm2711-rpi4.so) and bus scan limit (pci-server
  -- --bus-scan-limit=1; [runtime] BUS_SCAN_LIMIT=1 in the pci_server.cfg of
  -- QNX's RPi4 hypervisor host, rpi4-hypervisor.build above). The core
  -- starts pci-server when a guest is given a PCI device.
  pci = { hw_module = "pci_hw-bcm2711-rpi4.so", settings = { runtime = { BUS_SCAN_LIMIT = 1 } } },
  devices = {
    spi0 = {
      doc    = "BCM2711 SPI0 controller",
      loc    = "mem:0xfe204000,0x1000,rwn",
      intr   = "gic:150=150",
      driver = { programs = { "spi-bcm2711" }, files = { "spi-bcm2711", "/etc/system/config/spi/spi.conf" } },
    },
  },
  script = {
    -- The runtime linker, linked where programs load it, as rpi4.build does.
    "procmgr_symlink ../../proc/boot/ldqnx-64.so.2 /usr/lib/ldqnx-64.so.2",
    { "slogger2", bg = true },
    { "waitfor", "/dev/slog2" },
    -- "If startup is given -W parameter then the wdtkick utility MUST be
    -- uncommented below": the BSP's kicker and its options (definitions.m4
    -- __WDT_DRVR__, __WDT_OPTS__), the first driver it starts. It puts
    -- itself in the background.
    { "wdtkick", "-W0x24:0x5A028E4C", "-W0x1c:0x5A000020" },
    -- The mini UART is at 0xfe215000 (bcm2711.h BCM2711_UART1_BASE, IRQ
    -- 96+29); the BSP's line (__DEVC_SER1_OPTS__). The driver puts itself
    -- in the background.
    { "devc-serminiuart", "-b115200", "-c500000000", "-e", "-F", "-u1", "0xfe215000,125" },
    { "waitfor", "/dev/ser1" },
    { "reopen", "/dev/ser1" },
    { "spi-bcm2711", bg = true },
    { "ksh", session = true, bg = true },
  },
  files = {
    ["libc.so"] = true,
    ["libgcc_s.so.1"] = true,
    ["ldqnx-64.so.2"] = true,
    ["slogger2"] = true,
    ["wdtkick"] = true,
    ["devc-serminiuart"] = true,
    ["spi-bcm2711"] = true,
    -- spi-bcm2711 takes its buses and devices from this file (QNX's RPi4
    -- hypervisor host starts it with no option and carries the file:
    -- rpi4-hypervisor.build above, whose spi0 bus and first device these are).
    ["/etc/system/config/spi/spi.conf"] = { contents =
      "[bus]\nbusno=0\nname=spi0\nbase=0xfe204000\nirq=150\ninput_clock=500000000\n\n"
      .. "[dev]\nparent_busno=0\ndevno=0\nname=dev0\nclock_rate=5000000\ncpha=1\ncpol=0\n"
      .. "bit_order=msb\nword_width=32\n" },
    ["ksh"] = true,
    ["/bin/sh"] = { link = "/proc/boot/ksh" },
    ["/bin/qvm-check"] = { "qvm-check", optional = true },
  },
  guests = { "qnx80" },
}
