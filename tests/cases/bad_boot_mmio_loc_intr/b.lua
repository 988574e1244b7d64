-- A PL011 is memory-mapped: it needs loc and intr. A virtio device given a
-- memory loc is memory-mapped too, and needs its intr; without loc it is a
-- PCI device, which needs neither.
guest "g" {
  include = { "qnx-aarch64" },
  vdevs   = {
    uart2 = { "pl011", hostdev = ">-" },
    disk  = { "virtio-blk", loc = 0x1c0d0000, hostdev = "/vm/disk.img" },
    con   = { "virtio-console" },
  },
  host_files = { ["/vm/disk.img"] = "disk.img" },
}

board "b" {
  include = { "rcar_h3" },
  guests  = { "g" },
}
