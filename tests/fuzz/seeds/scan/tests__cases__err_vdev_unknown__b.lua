guest "g" {
  include = { "qnx-aarch64" },
  vdevs = {
    console = { hostdev = 42, baud = 115200 },
    disk    = { "virtio-blck", loc = 0x1c0d0000 },
    net     = { "virtio-net", loc = 0x1c0c0000, intr = "gic:40" },
    extra   = { loc = 0x1000 },
  },
}

board "b" {
  include = { "rcar_h3" },
  guests  = { "g" },
}
