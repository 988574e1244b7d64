guest "g" {
  include = { "qnx-aarch64" },
  ram     = "512MB",
}

board "b" {
  include = { "rcar_h3" },
  guests  = { "g" },
}
