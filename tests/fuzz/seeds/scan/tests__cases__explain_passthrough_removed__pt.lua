-- The Raspberry Pi 4 gives its SPI controller to a QNX guest: the host
-- stops driving it, so its driver leaves the image and the script.
guest "spi-guest" {
  include = { "qnx-aarch64" },
  pass    = { "spi0" },
}

board "pt" {
  include = { "rpi4" },
  guests  = { "spi-guest" },
}
