-- uefi: imported by mkbuildfile import from the QNX board definitions file
-- bsp/images/uefi/definitions.m4.
--
-- The script starts what the definitions enable, in the order of the images
-- QNX's build template makes of them (lua/schema.lua, 'bsp'). The template's
-- own services (pipe, dumper, mqueue, random, storage, DHCP, ssh, qconn, the
-- customize script) are not the board's: add the ones you need.

board "uefi" {
  arch    = "x86_64",
  qnx     = "8.0",
  image   = { base = 0x2000000, format = "uefi", compress = true },
  startup = { "startup-x86", "-v", keeplinked = true },
  kernel  = { "procnto-smp-instr", keeplinked = true },
  env     = {
    PATH            = { "/proc/boot", "/sbin", "/bin", "/usr/bin", "/usr/sbin", "/usr/libexec" },
    LD_LIBRARY_PATH = { "/proc/boot", "/lib", "/usr/lib", "/lib/dll", "/lib/dll/pci" },
  },
  script  = {
    -- runtime linker: the template's lines, for __LD_QNX__ (bsp/images/common-definitions.m4:8)
    { "procmgr_symlink", "../../proc/boot/ldqnx-64.so.2", "/usr/lib/ldqnx-64.so.2" },
    -- system logger: the template's lines
    { "slogger2" },
    -- board early start: __BOARD_EARLY_START__ (bsp/images/common-definitions.m4:45)
    { "display_msg", "Starting PCI Server ..." },
    { env = { PCI_HW_MODULE = "/lib/dll/pci/pci_hw-Intel_x86.so" } },
    { "pci-server", "--aspace-enable", bg = true },
    { "waitfor", "/dev/pci" },
    -- RTC: __RTC_START__ (bsp/images/common-definitions.m4:52)
    { "display_msg", "Starting RTC ..." },
    { "rtc", "hw" },
    -- serial: __DEVC_START__ (bsp/images/common-definitions.m4:27)
    { "display_msg", "Starting serial driver ..." },
    { "devc-ser8250", "-e", "-b115200" },
    { "waitfor", "/dev/ser1" },
    -- network: the template's lines, for __NET_DRVR__ (bsp/images/common-definitions.m4:34)
    { "display_msg", "Starting networking ..." },
    { "io-sock", "-m", "phy", "-d", "vmx" },
    -- console shell: the template's lines, with __CONSOLE__ (bsp/images/common-definitions.m4:18)
    { "reopen", "/dev/ser1" },
    { "ksh", session = true, bg = true },
  },
  files   = {
    -- runtime linker: __LD_QNX__ (bsp/images/common-definitions.m4:8)
    ["ldqnx-64.so.2"] = "ldqnx-64.so.2",
    ["/lib/libc.so"] = "libc.so",
    ["/lib/libgcc_s.so"] = "libgcc_s.so",
    -- system logger: the template's files
    ["/bin/slogger2"] = "slogger2",
    -- RTC: __RTC_DRVR__ (bsp/images/common-definitions.m4:50)
    ["/sbin/rtc"] = "rtc",
    -- PCI server: __PCI_HW_DRVR__ (bsp/images/common-definitions.m4:39)
    ["/lib/dll/pci/pci_hw-Intel_x86.so"] = "pci/pci_hw-Intel_x86.so",
    ["/sbin/pci-server"] = "pci-server",
    ["/lib/libpci.so"] = "libpci.so",
    ["/lib/dll/pci/pci_bkwd_compat.so"] = "pci/pci_bkwd_compat.so",
    ["/lib/dll/pci/pci_slog2.so"] = "pci/pci_slog2.so",
    ["/lib/dll/pci/pci_debug2.so"] = "pci/pci_debug2.so",
    -- serial: __DEVC_DRVR__ (bsp/images/common-definitions.m4:26)
    ["/sbin/devc-ser8250"] = "devc-ser8250",
    ["/sbin/devc-serusb"] = "devc-serusb",
    -- network: __NET_DRVR__ (bsp/images/common-definitions.m4:34)
    ["/lib/dll/devs-vmx.so"] = "devs-vmx.so",
    ["/sbin/io-sock"] = "io-sock",
    ["/lib/libsocket.so"] = "libsocket.so",
    ["/lib/dll/mods-phy.so"] = "mods-phy.so",
    -- console shell: __CONSOLE__ (bsp/images/common-definitions.m4:18)
    ["/bin/ksh"] = "ksh",
    ["/bin/sh"] = { link = "/bin/ksh" },
    ["/tmp"] = { link = "/dev/shmem" },
    ["/dev/console"] = { link = "/dev/ser1" },
    ["/var/log"] = { link = "/tmp" },
    ["/usr/tmp"] = { link = "/tmp" },
    -- board files: __BOARD_FILES__ (bsp/images/common-definitions.m4:62)
    ["/scripts/hello.sh"] = { perms = "0755", contents = [[
#!/bin/sh
echo "it's a PC"
]] },
  },
}

-- Read from the definitions and left to QNX's template (not part of the board):
--   __NET_DEV__ = "vmx0"  (bsp/images/common-definitions.m4:36)
--   __PCI_BRIDGE_BUS_MASTER_ENABLE__ = ""  (bsp/images/common-definitions.m4:43)

-- uefi as a QNX Hypervisor host; give it its guests here (guests = { ... })
-- or when rendering (--set 'guests={ ... }').
board "uefi-host" { include = { "uefi", "hypervisor-host" } }
