-- SPDX-License-Identifier: MIT
-- x86_64: a generic x86_64 PC as a QNX Hypervisor 2.2 host (QNX 7.1),
-- booted by the BIOS, running a QNX guest and a Linux guest (networked to
-- the host: the core starts io-pkt with the vdevpeer driver for it).

board "x86_64" {
  include     = { "hypervisor-host" },
  description = "generic x86_64 PC, QNX Hypervisor 2.2 host",
  arch        = "x86_64",
  qnx         = "7.1",
  image       = { format = "bios", compress = true },
  attributes  = { uid = 0, gid = 0 },
  startup     = { "startup-x86", "-v", keeplinked = true },
  kernel      = { "procnto-smp-instr", "-v", keeplinked = true },
  env = {
    -- The PCI modules live in /lib/dll/pci (QNX 7.1 PCI server,
    -- "Environment variables": PCI_CAP_MODULE_DIR defaults to it,
    -- https://www.qnx.com/developers/docs/7.1/com.qnx.doc.pci_server/topic/envars.html),
    -- so it is on the library path, as in QNX's 8.0 images.
    LD_LIBRARY_PATH = { "/proc/boot", "/lib", "/usr/lib", "/lib/dll", "/lib/dll/pci" },
  },
  -- The PC's PCI: "The only mandatory environment variable is
  -- PCI_HW_MODULE" (without it pci-server crashes), which the core writes in
  -- the [envars] section of pci-server's configuration (envars page above),
  -- with the module in /lib/dll/pci; the PC's module is pci_hw-Intel_x86.so
  -- (Deniz-Eren qnx710 ifs.build: [buscfg] DO_BUS_CONFIG=no, [envars]
  -- PCI_HW_MODULE=pci_hw-Intel_x86.so; QNX's 8.0 x86_64 BSP:
  -- PCI_HW_MODULE=/lib/dll/pci/pci_hw-Intel_x86.so).
  pci = {
    hw_module = "pci_hw-Intel_x86.so",
    config    = "/etc/pci_server.cfg",
    settings  = { buscfg = { DO_BUS_CONFIG = "no" } },
  },
  script = {
    -- Since QNX 7.0 the runtime linker is a file of its own, loaded from
    -- /usr/lib (QNX 7.1 migration guide, "Buildfiles",
    -- https://qdn.qnx.com/developers/docs/7.1/com.qnx.doc.qnxsdp.migration/topic/buildfiles.html;
    -- a real 7.1 x86_64 image links it the same way: Deniz-Eren qnx710 ifs.build
    -- in shared/corpus).
    "procmgr_symlink ../../proc/boot/ldqnx-64.so.2 /usr/lib/ldqnx-64.so.2",
    { "slogger2", bg = true },
    { "waitfor", "/dev/slog2" },
    -- COM1: devc-ser8250's default port, written out.
    { "devc-ser8250", "-e", "-b115200", "0x3f8,4", bg = true },
    { "waitfor", "/dev/ser1" },
    { "reopen", "/dev/ser1" },
    { "pci-server", "--config=/etc/pci_server.cfg", bg = true },
    { "waitfor", "/dev/pci" },
    { "ksh", session = true, bg = true },
  },
  files = {
    ["libc.so"] = true,
    -- "You need to include libgcc_s.so.1 in OS images" (migration guide above).
    ["libgcc_s.so.1"] = true,
    ["ldqnx-64.so.2"] = true,
    ["slogger2"] = true,
    ["devc-ser8250"] = true,
    ["pci-server"] = true,
    -- pci-server's library (both images above carry it).
    ["libpci.so"] = true,
    ["ksh"] = true,
    ["/bin/sh"] = { link = "/proc/boot/ksh" },
    ["/bin/qvm-check"] = { "qvm-check", optional = true },
  },
  guests = { "qnx71-x86", "linux-x86" },
}
