guest "g" {
  include = { "qnx-aarch64" },
  pass    = { "spi1", "usb" },
}

board "pt" {
  include = { "rpi4" },
  guests  = { "g" },
}
