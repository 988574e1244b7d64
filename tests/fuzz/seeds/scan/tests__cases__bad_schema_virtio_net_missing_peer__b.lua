guest "g" {
  include = { "qnx-aarch64" },
  vdevs   = { net = { "virtio-net", loc = 0x1c0c0000, intr = "gic:40" } },
}

board "b" {
  include = { "rcar_h3" },
  guests  = { "g" },
}
