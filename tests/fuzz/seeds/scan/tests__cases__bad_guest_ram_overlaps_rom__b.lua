guest "g" {
  include = { "qnx-aarch64" },
  ram     = { start = 0x80000000, size = "256M" },
  rom     = { start = 0x8ff00000, size = "2M" },
}

board "b" {
  include = { "rcar_h3" },
  guests  = { "g" },
}
