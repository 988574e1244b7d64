guest "g" {
  include = { "qnx-aarch64" },
  pass    = { "spi_0" },
}

board "b" {
  include = { "rpi4" },
  guests  = { "g" },
}
