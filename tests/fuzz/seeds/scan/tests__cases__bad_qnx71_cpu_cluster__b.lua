guest "g" {
  include = { "qnx-aarch64" },
  cpu     = { { cluster = "x" } },
}

board "b" {
  include = { "rcar_h3" },
  guests  = { "g" },
}
