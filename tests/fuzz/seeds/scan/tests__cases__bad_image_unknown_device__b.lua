guest "g" {
  include = { "qnx-aarch64" },
  pass    = { "spi0" },
}

board "b" {
  include = { "rcar_h3" },
  guests  = { "g" },
}
