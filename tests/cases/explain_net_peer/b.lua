-- A QNX 8.0 host: one NIC binds the host interface the recipe names (vp3), another one the core
-- allocates (vp0); two NICs connect the guests to each other, each naming the other.
guest "g1" {
  include = { "qnx80" },
  vdevs   = {
    up   = { "virtio-net", loc = 0x1c0c0000, intr = "gic:40", name = "up", to = { host = "vp3" } },
    side = { "virtio-net", loc = 0x20040000, intr = "gic:43", name = "side", to = { guest = "g2", nic = "side" } },
  },
}

guest "g2" {
  include = { "qnx80" },
  vdevs   = {
    up   = { "virtio-net", loc = 0x1c0c0000, intr = "gic:40", name = "up", to = "host", mac = "02:00:00:00:00:22" },
    side = { "virtio-net", loc = 0x20040000, intr = "gic:43", name = "side", to = { guest = "g1" } },
  },
}

board "b" {
  include = { "rpi4" },
  guests  = { "g1", "g2" },
}
