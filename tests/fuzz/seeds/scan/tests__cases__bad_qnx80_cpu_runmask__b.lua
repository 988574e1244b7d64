guest "g" {
  include = { "qnx-aarch64" },
  cpu     = { { runmask = { 0 } } },
}

board "b" {
  include = { "rpi4" },
  guests  = { "g" },
}
