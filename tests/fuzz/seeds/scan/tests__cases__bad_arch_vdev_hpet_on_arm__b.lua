guest "g" {
  include = { "qnx-aarch64" },
  vdevs   = { timer = { "hpet", loc = 0x1c0a0000 } },
}

board "b" {
  include = { "rcar_h3" },
  guests  = { "g" },
}
