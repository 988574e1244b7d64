-- SPDX-License-Identifier: MIT
-- Raspberry Pi 4 (BCM2711) as a QNX Hypervisor 8.0 host, re-derived from
-- QNX's own RPi4 BSP (BSP_raspberrypi-bcm2711-rpi4_be-800, as published in
-- sunnnnny484/pi4_hypervisor_host @73c089f): what its board definitions
-- (images/definitions.m4) state, started in the order of the image QNX's
-- build template makes of them (images/rpi4.build): watchdog kicker, I2C,
-- PCI, serial console, SPI, SD card, network, shell. `mkbuildfile import`
-- of that file gives the same drivers and options (lua/schema.lua, 'bsp').
-- Left out: USB (the BSP starts io-usb-otg from a script of its own that
-- first checks the VL805 firmware) and the template's services. The host
-- of QNX's RPi4 hypervisor guide (PM-Maestro-ITI-GP-Org/Qnx_Hypervisor_rbye,
-- qnx_host/images/rpi4-hypervisor.build) adds -Q enable,el1-host. Its SPI
-- controller is described as a device a guest may be given: the host then
-- stops driving it.

board "rpi4" {
  include     = { "hypervisor-host" },
  description = "Raspberry Pi 4, QNX Hypervisor 8.0 host",
  arch        = "aarch64le",
  qnx         = "8.0",
  -- __BOOT_ADDR__ 0x80000, __TYPE__ raw, __COMPRESS_ATTR__ -compress
  image       = { base = 0x80000, format = "raw", compress = false },
  attributes  = { uid = 0, gid = 0 },
  -- The Pi's Cortex-A72 has no VHE: QNX's guide runs the host at EL1
  -- (-Q enable,el1-host; its boot log: "Enabling EL1 host hypervisor
  -- support"); el2-host would stop startup.
  hypervisor  = { host_mode = "el1" },
  -- __STARTUP__, __STARTUP_OPTS__: -W 2500 arms the BCM2711 PM watchdog
  -- (startup main.c and init_wdt.c of the BSP), so the script starts
  -- wdtkick.
  startup     = { "startup-bcm2711-rpi4", "-v", "-D", "miniuart", "-W", "2500", "-u", "reg",
                  "-r", "0,4096,1", keeplinked = true },
  -- __PROCNTO__, __PROCNTO_OPTS__
  kernel      = { "procnto-smp-instr", "-v", keeplinked = true },
  -- The bootstrap line of rpi4.build.
  env = {
    PATH            = { "/proc/boot", "/sbin", "/bin", "/usr/bin", "/usr/sbin", "/usr/libexec" },
    LD_LIBRARY_PATH = { "/proc/boot", "/lib", "/usr/lib", "/lib/dll", "/lib/dll/pci" },
  },
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
    -- The runtime linker, linked where programs load it (__LD_QNX__).
    "procmgr_symlink ../../proc/boot/ldqnx-64.so.2 /usr/lib/ldqnx-64.so.2",
    { "slogger2", bg = true },
    { "waitfor", "/dev/slog2" },
    -- "If startup is given -W parameter then the wdtkick utility MUST be
    -- uncommented below": the BSP's kicker and its options (__WDT_DRVR__,
    -- __WDT_OPTS__), the first driver it starts. It puts itself in the
    -- background.
    { "wdtkick", "-W0x24:0x5A028E4C", "-W0x1c:0x5A000020" },
    -- I2C bus 1 (__I2C_DRVR__, __I2C_OPTS__: /dev/i2c1).
    { "i2c-bcm2711", "-p0xfe804000", "--b100000", "--u1" },
    -- PCIe (__PCI_START__, __PCI_OPTS__ with __PCI_BUS_SCAN_LIMIT__ 1); the
    -- core gives it its configuration (pci above), which names the module.
    { "pci-server", "--bus-scan-limit=1", "-c", bg = true },
    { "waitfor", "/dev/pci" },
    -- The mini UART is at 0xfe215000 (bcm2711.h BCM2711_UART1_BASE, IRQ
    -- 96+29); the BSP's line (__DEVC_SER1_DRVR__, __DEVC_SER1_OPTS__), the
    -- console (__CONSOLE__ is __DEVC_SER1_DEV__, /dev/ser1). The driver puts
    -- itself in the background.
    { "devc-serminiuart", "-b115200", "-c500000000", "-e", "-F", "-u1", "0xfe215000,125" },
    { "waitfor", "/dev/ser1" },
    { "reopen", "/dev/ser1" },
    -- SPI (__IO_SPI_DRVR__). No waitfor /dev/io-spi: the line would stay
    -- when a guest is given spi0 and the driver leaves.
    { "spi-bcm2711", bg = true },
    -- The SD card (__DEVB_SDMMC_DRVR__, __DEVB_SDMMC_OPTS__, __DEVB_SDMMC_DEV__).
    { "devb-sdmmc-bcm2711", "mem", "name=below1G", "sdio", "addr=0xfe340000,irq=158", "disk",
      "name=sd" },
    { "waitfor", "/dev/sd0" },
    -- The GENET Ethernet (__NET_DRVR__, __NET_OPTS__; the template adds
    -- -m phy).
    { "io-sock", "-m", "phy", "-m", "fdt", "-m", "phy_fdt", "-d", "genet" },
    { "ksh", session = true, bg = true },
  },
  files = {
    ["libc.so"] = true,
    ["libgcc_s.so.1"] = true,
    ["ldqnx-64.so.2"] = true,
    ["slogger2"] = true,
    ["wdtkick"] = true,
    ["i2c-bcm2711"] = true,
    ["pci-server"] = true,
    ["libpci.so"] = true,
    ["devc-serminiuart"] = true,
    ["spi-bcm2711"] = true,
    -- spi-bcm2711 takes its buses and devices from this file (QNX's RPi4
    -- hypervisor host starts it with no option and carries the file:
    -- rpi4-hypervisor.build above, whose spi0 bus and first device these are).
    ["/etc/system/config/spi/spi.conf"] = { contents =
      "[bus]\nbusno=0\nname=spi0\nbase=0xfe204000\nirq=150\ninput_clock=500000000\n\n"
      .. "[dev]\nparent_busno=0\ndevno=0\nname=dev0\nclock_rate=5000000\ncpha=1\ncpol=0\n"
      .. "bit_order=msb\nword_width=32\n" },
    ["devb-sdmmc-bcm2711"] = true,
    -- What the block drivers load (rpi4.build, "Block driver support libraries").
    ["libcam.so"] = true,
    ["/lib/dll/io-blk.so"] = "io-blk.so",
    ["/lib/dll/cam-disk.so"] = "cam-disk.so",
    ["/lib/dll/fs-qnx6.so"] = "fs-qnx6.so",
    ["/lib/dll/fs-dos.so"] = "fs-dos.so",
    ["io-sock"] = true,
    ["libsocket.so"] = true,
    ["/lib/dll/devs-genet.so"] = "devs-genet.so",
    ["/lib/dll/mods-phy.so"] = "mods-phy.so",
    ["/lib/dll/mods-fdt.so"] = "mods-fdt.so",
    ["/lib/dll/mods-phy_fdt.so"] = "mods-phy_fdt.so",
    ["ksh"] = true,
    ["/bin/sh"] = { link = "/proc/boot/ksh" },
    ["/bin/qvm-check"] = { "qvm-check", optional = true },
  },
  guests = { "qnx80" },
}
