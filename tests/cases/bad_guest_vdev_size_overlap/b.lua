guest "g" {
  include = { "qnx-aarch64" },
  vdevs   = { uart2 = { "pl011", loc = 0x1c0b0000, intr = "gic:50" },
              uart3 = { "pl011", loc = 0x1c0a0000, size = "128K", intr = "gic:51" } },
}

board "b" {
  include = { "rcar_h3" },
  guests  = { "g" },
}
