-- SPDX-License-Identifier: MIT
-- x86_64: a generic x86_64 PC as a QNX Hypervisor 2.2 host (QNX 7.1),
-- booted by the BIOS, running a QNX guest and a Linux guest.

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
    { "io-pkt-v6-hc", "-d", "vdevpeer-net", bg = true },
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
    -- "The only mandatory environment variable is PCI_HW_MODULE" (without
    -- it pci-server crashes), set in the [envars] section of its
    -- configuration file (envars page above); the PC's module is
    -- pci_hw-Intel_x86.so (Deniz-Eren qnx710 ifs.build: [buscfg]
    -- DO_BUS_CONFIG=no, [envars] PCI_HW_MODULE=pci_hw-Intel_x86.so; QNX's
    -- 8.0 x86_64 BSP: PCI_HW_MODULE=/lib/dll/pci/pci_hw-Intel_x86.so).
    ["/etc/pci_server.cfg"] = { perms = "0444", contents =
      "[buscfg]\nDO_BUS_CONFIG=no\n\n[envars]\nPCI_HW_MODULE=/lib/dll/pci/pci_hw-Intel_x86.so\n" },
    -- Where QNX's images take PCI modules from (pci/ below lib/dll on
    -- mkifs' search path: Qnx_Hypervisor_rbye qnx_host/images/rpi4-hypervisor.build).
    ["/lib/dll/pci/pci_hw-Intel_x86.so"] = "pci/pci_hw-Intel_x86.so",
    -- pci-server's library (both images above carry it).
    ["libpci.so"] = true,
    ["io-pkt-v6-hc"] = true,
    ["devnp-vdevpeer-net.so"] = true,
    ["ksh"] = true,
    ["/bin/sh"] = { link = "/proc/boot/ksh" },
    ["/bin/qvm-check"] = { "qvm-check", optional = true },
  },
  guests = { "qnx71-x86", "linux-x86" },
}
