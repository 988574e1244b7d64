guest "g" {
  include = { "qnx-aarch64" },
  vdevs   = { uart2 = { "pl011", loc = 0x80001000, intr = "gic:50" } },
}

board "b" {
  include = { "rcar_h3" },
  guests  = { "g" },
}
