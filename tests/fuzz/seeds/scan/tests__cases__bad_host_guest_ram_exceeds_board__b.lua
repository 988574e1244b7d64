guest "g2" {
  include = { "qnx-aarch64" },
  ram     = { start = 0x90000000, size = "512M" },
}

board "b" {
  include = { "rcar_h3" },
  ram     = "512M",
  guests  = { "qnx71", "g2" },
}
