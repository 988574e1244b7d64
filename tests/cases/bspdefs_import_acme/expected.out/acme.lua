-- acme: imported by mkbuildfile import from the QNX board definitions file
-- definitions.m4.
--
-- The script starts what the definitions enable, in the order of the images
-- QNX's build template makes of them (lua/schema.lua, 'bsp'). The template's
-- own services (pipe, dumper, mqueue, random, storage, DHCP, ssh, qconn, the
-- customize script) are not the board's: add the ones you need.

board "acme" {
  arch    = "aarch64le",
  qnx     = "8.0",
  image   = { base = 0x40200000, format = "raw", compress = true },
  startup = { "startup-acme-a53", "-v", "-W", "3000", "-u", "reg", keeplinked = true },
  kernel  = { "procnto-smp-instr", "-v", keeplinked = true },
  env     = {
    PATH            = { "/proc/boot", "/sbin", "/bin", "/usr/bin", "/usr/sbin", "/usr/libexec" },
    LD_LIBRARY_PATH = { "/proc/boot", "/lib", "/usr/lib", "/lib/dll", "/lib/dll/pci" },
  },
  script  = {
    -- runtime linker: the template's lines, for __LD_QNX__ (line 5)
    { "procmgr_symlink", "../../proc/boot/ldqnx-64.so.2", "/usr/lib/ldqnx-64.so.2" },
    -- system logger: the template's lines
    { "slogger2" },
    -- watchdog kicker: __WDT_START__ (line 43)
    { "display_msg", "Starting wdtkick ..." },
    { "wdtkick", "-W0x8:0x1234", "-t", "1000" },
    -- I2C: the template's lines, for __I2C_DRVR__ (line 49)
    { "display_msg", "Starting I2C driver ..." },
    { "i2c-acme", "-p0x1c100000", "--u1" },
    { "i2c-acme", "-p0x1c110000", "--u2" },
    -- PCI server: __PCI_START__ (line 64)
    { "display_msg", "Starting PCI Server ..." },
    { env = { PCI_HW_MODULE = "/lib/dll/pci/pci_hw-acme.so" } },
    { "pci-server", "--bus-scan-limit=2", "-c", bg = true },
    { "waitfor", "/dev/pci" },
    -- serial: __DEVC_START__ (line 28)
    { "display_msg", "Starting serial driver (/dev/ser2)" },
    { "devc-seracme", "-b115200", "-e", "-F", "-u2", "0x1c020000,42" },
    { "waitfor", "/dev/ser2" },
    -- SPI: the template's lines, for __IO_SPI_DRVR__ (line 72)
    { "display_msg", "Starting SPI master driver ..." },
    { "spi-acme" },
    { "waitfor", "/dev/io-spi" },
    -- block: __DEVB_DRVR_START__ (line 90)
    { "display_msg", "Starting SDMMC driver (/dev/sd0)" },
    { "devb-sdmmc-acme", "sdio", "addr=0x1c300000,irq=70", "disk", "name=sd" },
    { "waitfor", "/dev/sd0" },
    -- USB host: the template's lines, for __USB_HOST_DRVR__ (line 95)
    { "io-usb-otg", "-d", "acme-xhci", "ioport=0x1c400000,irq=80" },
    { "waitfor", "/dev/usb/io-usb-otg" },
    -- network: the template's lines, for __NET_DRVR__ (line 101)
    { "display_msg", "Starting networking ..." },
    { "io-sock", "-m", "phy", "-m", "fdt", "-d", "acme" },
    -- board late start: __BOARD_LATE_START__ (line 115)
    { "ksh", "/proc/boot/acme-late.sh" },
    -- console shell: the template's lines, with __CONSOLE__ (line 17)
    { "reopen", "/dev/ser2" },
    { "ksh", session = true, bg = true },
  },
  files   = {
    -- runtime linker: __LD_QNX__ (line 5)
    ["ldqnx-64.so.2"] = "ldqnx-64.so.2",
    ["/lib/libc.so"] = "libc.so",
    ["/lib/libgcc_s.so"] = "libgcc_s.so",
    -- system logger: the template's files
    ["/bin/slogger2"] = "slogger2",
    -- watchdog kicker: __WDT_DRVR__ (line 40)
    ["/bin/wdtkick"] = "wdtkick",
    -- I2C: __I2C_DRVR__ (line 49)
    ["/sbin/i2c-acme"] = "i2c-acme",
    -- PCI server: __PCI_HW_DRVR__ (line 60)
    ["/lib/dll/pci/pci_hw-acme.so"] = "pci/pci_hw-acme.so",
    ["/sbin/pci-server"] = "pci-server",
    ["/lib/libpci.so"] = "libpci.so",
    ["/lib/dll/pci/pci_bkwd_compat.so"] = "pci/pci_bkwd_compat.so",
    ["/lib/dll/pci/pci_slog2.so"] = "pci/pci_slog2.so",
    ["/lib/dll/pci/pci_debug2.so"] = "pci/pci_debug2.so",
    -- serial: __DEVC_DRVR__ (line 20)
    ["/sbin/devc-seracme"] = "devc-seracme",
    ["/sbin/devc-seracme-lp"] = "devc-seracme-lp",
    -- SPI: __IO_SPI_DRVR__ (line 72)
    ["/sbin/spi-acme"] = "spi-acme",
    ["/etc/system/config/spi/spi.conf"] = { contents = [[
[bus]
busno=0
base=0x1c200000
irq=61
]] },
    -- block: __BLOCK_DRVR__ (line 81)
    ["/sbin/devb-sdmmc-acme"] = "devb-sdmmc-acme",
    ["/lib/libcam.so"] = "libcam.so",
    ["/lib/dll/io-blk.so"] = "io-blk.so",
    ["/lib/dll/cam-disk.so"] = "cam-disk.so",
    ["/lib/dll/fs-qnx6.so"] = "fs-qnx6.so",
    ["/lib/dll/fs-dos.so"] = "fs-dos.so",
    -- USB host: __USB_HOST_DRVR__ (line 95)
    ["/lib/dll/devu-hcd-acme-xhci.so"] = "devu-hcd-acme-xhci.so",
    ["/sbin/io-usb-otg"] = "io-usb-otg",
    ["/lib/libusbdi.so"] = "libusbdi.so",
    -- network: __NET_DRVR__ (line 101)
    ["/lib/dll/devs-acme.so"] = "devs-acme.so",
    ["/sbin/io-sock"] = "io-sock",
    ["/lib/libsocket.so"] = "libsocket.so",
    ["/lib/dll/mods-phy.so"] = "mods-phy.so",
    ["/lib/dll/mods-fdt.so"] = "mods-fdt.so",
    -- console shell: __CONSOLE__ (line 17)
    ["/bin/ksh"] = "ksh",
    ["/bin/sh"] = { link = "/bin/ksh" },
    ["/tmp"] = { link = "/dev/shmem" },
    ["/dev/console"] = { link = "/dev/ser2" },
    ["/var/log"] = { link = "/tmp" },
    ["/usr/tmp"] = { link = "/tmp" },
    -- DMA: __DMA_DRVR__ (line 106)
    ["/lib/libdma-acme.so"] = "libdma-acme.so",
    -- board files: __BOARD_FILES__ (line 119)
    ["acme-late.sh"] = { perms = "0755", contents = [[
#!/bin/sh
# __BOARD_FILES__ is the name of the macro here, and $PATH stays as it is
echo "acme: late start" > $PATH
]] },
    ["/bin/acme-gpio"] = "acme-gpio",
  },
}

-- Read from the definitions and left to QNX's template (not part of the board):
--   __PROCNTO_MODULES__ = ""  (line 10)
--   __DEVC_SER4_DEV__ = "/dev/ser4"  (line 26)
--   __I2C_DEV__ = "/dev/i2c1, /dev/i2c2"  (line 51)
--   __NET_DEV__ = "acme0"  (line 103)
--   __CUSTOMIZE_SCRIPT_NAME__ = "/scripts/board_startup.sh"  (line 109)

-- Macros mkbuildfile does not know, kept here (add what they do by hand):
--   __ACME_FAN_SPEED__ = "200"  (line 112)

-- acme as a QNX Hypervisor host; give it its guests here (guests = { ... })
-- or when rendering (--set 'guests={ ... }').
board "acme-host" { include = { "acme", "hypervisor-host" } }
