-- a line that only names the driver does not start it: no error
guest "g" {
  include = { "qnx-aarch64" },
  pass    = { "spi0" },
}
board "b" {
  include = { "rpi4" },
  guests  = { "g" },
  script  = append { { "display_msg", "spi-bcm2711 now belongs to guest g" } },
}
