-- virt: imported by mkbuildfile import from the QNX board definitions file
-- virt-definitions.m4.
--
-- The script starts what the definitions enable, in the order of the images
-- QNX's build template makes of them (lua/schema.lua, 'bsp'). The template's
-- own services (pipe, dumper, mqueue, random, storage, DHCP, ssh, qconn, the
-- customize script) are not the board's: add the ones you need.

board "virt" {
  arch    = "aarch64le",
  qnx     = "8.0",
  image   = { base = 0x80000000, format = "elf" },
  startup = { "startup-virt", "-H", keeplinked = true },
  kernel  = { "procnto-smp-instr", "-v", keeplinked = true },
  env     = {
    PATH            = { "/proc/boot", "/sbin", "/bin", "/usr/bin", "/usr/sbin", "/usr/libexec" },
    LD_LIBRARY_PATH = { "/proc/boot", "/lib", "/usr/lib", "/lib/dll", "/lib/dll/pci",
                        "/usr/lib/graphics/virt" },
  },
  script  = {
    -- runtime linker: the template's lines, for __LD_QNX__ (line 3)
    { "procmgr_symlink", "../../proc/boot/ldqnx-64.so.2", "/usr/lib/ldqnx-64.so.2" },
    -- system logger: the template's lines
    { "slogger2" },
    -- I2C: __I2C_START__ (line 26)
    { "display_msg", "Starting I2C driver ..." },
    { "i2c-virt", "--u1" },
    { "i2c-virt", "--u2" },
    { "display_msg", "I2C", "is", "virtual" },
    -- serial: __DEVC_START__ (line 18)
    { "devc-virtio", "0x20000000,42" },
    { "waitfor", "/dev/vcon1", "(2", "arguments)" },
    -- USB host: __USB_START__ (line 47)
    { "io-usb-otg", "-d", "virt" },
    { "waitfor", "/dev/usb/io-usb-otg", "5" },
    { "waitfor", "/dev/usb/devu-hcd-virt.so", "5" },
    -- network: __NET_START__ (line 34)
    { "display_msg", "Starting networking ..." },
    { "io-sock", "-m", "phy", "-m", "fdt", "-d", "vtnet_mmio" },
    { "ifconfig", "vtnet0", "10.0.0.2/24" },
    -- console shell: the template's lines, with __CONSOLE__ (line 12)
    { "reopen", "/dev/vcon1" },
    { "ksh", session = true, bg = true },
  },
  files   = {
    -- runtime linker: __LD_QNX__ (line 3)
    ["ldqnx-64.so.2"] = "ldqnx-64.so.2",
    ["/lib/libc.so"] = "libc.so",
    ["/lib/libgcc_s.so"] = "libgcc_s.so",
    -- system logger: the template's files
    ["/bin/slogger2"] = "slogger2",
    -- I2C: __I2C_DRVR__ (line 24)
    ["/sbin/i2c-virt"] = "i2c-virt",
    -- serial: __DEVC_DRVR__ (line 17)
    ["/sbin/devc-virtio"] = "devc-virtio",
    -- USB host: __USB_HOST_DRVR__ (line 45)
    ["/lib/dll/devu-hcd-virt.so"] = "devu-hcd-virt.so",
    ["/sbin/io-usb-otg"] = "io-usb-otg",
    ["/lib/libusbdi.so"] = "libusbdi.so",
    -- network: __NET_DRVR__ (line 32)
    ["/lib/dll/devs-vtnet_mmio.so"] = "devs-vtnet_mmio.so",
    ["/sbin/io-sock"] = "io-sock",
    ["/lib/libsocket.so"] = "libsocket.so",
    ["/lib/dll/mods-phy.so"] = "mods-phy.so",
    ["/lib/dll/mods-fdt.so"] = "mods-fdt.so",
    -- console shell: __CONSOLE__ (line 12)
    ["/bin/ksh"] = "ksh",
    ["/bin/sh"] = { link = "/bin/ksh" },
    ["/tmp"] = { link = "/dev/shmem" },
    ["/dev/console"] = { link = "/dev/vcon1" },
    ["/var/log"] = { link = "/tmp" },
    ["/usr/tmp"] = { link = "/tmp" },
    -- board files: __BOARD_FILES__ (line 52)
    ["/etc/motd"] = { contents = [[
it's virt
]] },
    -- the template's programs: what the script lines above start
    ["/sbin/ifconfig"] = "ifconfig",
  },
}

-- virt as a QNX Hypervisor host; give it its guests here (guests = { ... })
-- or when rendering (--set 'guests={ ... }').
board "virt-host" { include = { "virt", "hypervisor-host" } }
