-- SPDX-License-Identifier: MIT
-- A worked hypervisor product, each connection declared once and wired on
-- both sides by the core (issue 13). Render it with
--   mkbuildfile render acme-hyp80 acme-pc71 -I examples/hypervisor -o out/
--
-- acme-hyp80: a Raspberry Pi 4 QNX Hypervisor 8.0 host running a QNX
-- guest (cluster) and a Linux guest (infotainment). Each guest has a NIC
-- to the host, whose interfaces join bridge0 with the Pi's Ethernet, and a
-- NIC to the other guest. The Linux guest's root disk is a loopback disk the
-- host makes from an image file. Both guests live on the QNX6 data partition
-- beside the host image, as in QNX's RPi4 hypervisor guide: the host mounts
-- it and starts them there (cd, qvm @file); render writes
-- acme-hyp80-data.build, what goes on it.
--
-- acme-pc71: a PC QNX Hypervisor 2.2 host (QNX 7.1) running a QNX guest and
-- a Linux guest that is given the PC's second Ethernet controller (a PCI
-- device): pci-server runs with its configuration and qvm support module.

-- ---- acme-hyp80 ------------------------------------------------------------

-- The QNX guest: the shipped aarch64 QNX guest, kept on the data partition.
guest "cluster" {
  include     = { "qnx-aarch64" },
  description = "instrument cluster, QNX 8.0",
  partition   = true,
  vdevs = {
    -- The conventional ARM guest map gives these windows and interrupts
    -- (../shared/reference/qnx-hypervisor.md §5; QNX's RPi4 guide guests:
    -- guest_to_host at 0x1c0c0000 gic:40, guest_to_guest at 0x20040000 gic:43).
    uplink = { "virtio-net", loc = 0x1c0c0000, intr = "gic:40", name = "guest_to_host",
               to = { host = true, bridge = "bridge0" } },
    side   = { "virtio-net", loc = 0x20040000, intr = "gic:43", name = "guest_to_guest",
               to = { guest = "infotainment" } },
  },
  launch = { pri = 20 },
}

-- The Linux guest: the shipped aarch64 Linux guest, its files on the data
-- partition beside its configuration (the loads are relative: qvm runs in
-- the guest's folder), its root disk made by the host.
local dir = "/guests/infotainment"
guest "infotainment" {
  include     = { "linux-aarch64" },
  description = "infotainment, Linux",
  partition   = true,
  load = {
    "Image",
    { "initrd.img", type = "initrd" },
    { "guest.dtb", type = "fdt" },
  },
  vdevs = {
    net  = { to = { host = true, bridge = "bridge0" } },
    -- the other end of the cluster's side NIC: the core writes its peer
    side = { "virtio-net", loc = 0x20040000, intr = "gic:43", name = "guest_to_guest" },
    disk = { hostdev = delete, disk = { loopback = dir .. "/rootfs.img" } },
  },
  host_files = delete,
  partition_files = {
    [dir .. "/Image"]      = "images/linux-aarch64/Image",
    [dir .. "/initrd.img"] = "images/linux-aarch64/initrd.img",
    [dir .. "/guest.dtb"]  = "images/linux-aarch64/guest.dtb",
    [dir .. "/rootfs.img"] = "images/linux-aarch64/rootfs.img",
  },
}

board "acme-hyp80" {
  include     = { "rpi4" },
  description = "ACME cockpit: Raspberry Pi 4, QNX Hypervisor 8.0, two guests on a data partition",
  -- The Pi's Ethernet and the guests' host interfaces on one bridge.
  network = { bridges = { bridge0 = { "genet0" } } },
  -- The QNX6 partition of the SD card that holds the guests, mounted over
  -- / as QNX's RPi4 host does ("mount -t qnx6 /dev/sd0t179 /").
  data_partition = { device = "/dev/sd0t179" },
  -- A guest started by hand from the partition uses virtio-entropy, which
  -- no guest of these recipes does: declared, it stays in the image.
  hypervisor = { vdevs = { "virtio-entropy" } },
  -- rpi4 starts the SD card (devb-sdmmc-bcm2711), which holds partition
  -- 179, and the network stack with the Pi's Ethernet (io-sock ... -d
  -- genet; the core adds the vdevpeer module to that line); genet0 is up
  -- before the bridge joins it (QNX's RPi4 host: if_up -p genet0, ifconfig
  -- genet0 up).
  script = append {
    { "if_up", "-p", "genet0" },
    { "ifconfig", "genet0", "up" },
  },
  files = {
    ["if_up"] = true,
  },
  guests = { "cluster", "infotainment" },
}

-- ---- acme-pc71 -------------------------------------------------------------

-- The Linux guest of the PC, given an Intel I210 Ethernet controller
-- (vendor 0x8086, device 0x1533) at guest bus 0, device 5: "pass loc
-- pci:0:12.0=pci:0x8086/0x1234 passes a device with vendor ID 0x8086 and
-- device ID 0x1234 to the guest at bus 0, device 12"
-- (http://www.qnx.com/developers/docs/7.0.0/com.qnx.doc.hypervisor.user/topic/vm/pass.html).
guest "gateway" {
  include     = { "linux-x86_64" },
  description = "gateway, Linux, with the PC's second Ethernet controller",
  pass        = { { loc = "pci:0:5.0=pci:0x8086/0x1533" } },
}

board "acme-pc71" {
  include     = { "x86_64" },
  description = "ACME gateway PC, QNX Hypervisor 2.2 (QNX 7.1), a PCI device passed to Linux",
  -- The line of pci-server's configuration that loads
  -- pci_server-qvm_support.so is in the SDP's pci_server-template.cfg,
  -- which is not public: add it to pci.settings; until then mkbuildfile
  -- warns that it is missing.
  guests      = { "qnx71-x86", "gateway" },
}
