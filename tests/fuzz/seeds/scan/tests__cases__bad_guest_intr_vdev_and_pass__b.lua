guest "g" {
  include = { "qnx-aarch64" },
  vdevs   = { uart2 = { "pl011", loc = 0x1c0a0000, intr = "gic:50" } },
  pass    = { { loc = "mem:0xe6e88000,0x1000,rwn", intr = "gic:50=82" } },
}

board "b" {
  include = { "rcar_h3" },
  guests  = { "g" },
}
