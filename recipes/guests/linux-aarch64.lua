-- SPDX-License-Identifier: MIT
-- linux-aarch64: a Linux guest on a GICv2 host: the kernel, an initramfs
-- and a device tree loaded by qvm, the PL011 early console, a virtio disk
-- backed by an image file and a virtio network interface to the host.

local dir = "/vm/images/linux-aarch64"

guest "linux-aarch64" {
  description = "Linux guest, aarch64, GICv2",
  arch = "aarch64le",
  ram  = { start = 0x80000000, size = "1G" },
  cpu  = 2,
  load = {
    dir .. "/Image",
    { dir .. "/initrd.img", type = "initrd" },
    { dir .. "/guest.dtb", type = "fdt" },
  },
  cmdline = "console=ttyAMA0 earlycon=pl011,mmio32,0x1c090000 root=/dev/vda rw",
  vdevs = {
    gic     = { "gic", version = 2 },
    console = { "pl011", loc = 0x1c090000, intr = "gic:37", hostdev = ">-" },
    disk    = { "virtio-blk", loc = 0x1c0d0000, intr = "gic:41", hostdev = dir .. "/rootfs.img" },
    -- To the host, which allocates its interface and binds it to the NIC
    -- (/dev/qvm/SYSTEM/guest_to_host); the name QNX's RPi4 guests give it.
    net     = { "virtio-net", loc = 0x1c0c0000, intr = "gic:40", name = "guest_to_host", to = "host",
                mac = "02:00:00:00:00:01", peerfeats = 0 },
  },
  host_files = {
    [dir .. "/Image"]      = "images/linux-aarch64/Image",
    [dir .. "/initrd.img"] = "images/linux-aarch64/initrd.img",
    [dir .. "/guest.dtb"]  = "images/linux-aarch64/guest.dtb",
    [dir .. "/rootfs.img"] = "images/linux-aarch64/rootfs.img",
  },
}
