guest "g" {
  include = { "qnx-aarch64" },
  pass    = { "spi0" },
}

board "b" {
  include = { "rpi4" },
  script  = append { "on -p 20 spi-bcm2711 &" },
  files   = { on = true },
  guests  = { "g" },
}
