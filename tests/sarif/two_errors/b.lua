guest "g1" {
  include = { "qnx-aarch64" },
  pass    = { "spi0" },
}

guest "g2" {
  include = { "linux-aarch64" },
  pass    = { "spi0" },
}

board "b" {
  include = { "rpi4" },
  startup = { "my-startup" },
  guests  = { "g1", "g2" },
}
