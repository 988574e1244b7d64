guest "g" {
  include = { "qnx-aarch64" },
  vdevs   = { uart = { loc = 0x1c0a0000, hostdev = ">-" } },
}

board "b" {
  include = { "rcar_h3" },
  guests  = { "g" },
}
