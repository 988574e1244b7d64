guest "g" {
  include = { "linux-aarch64" },
  vdevs   = { pic = { "8259", loc = "io:0x20" } },
}

board "b" {
  include = { "rcar_h3" },
  guests  = { "g" },
}
