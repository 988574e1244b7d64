guest "g" {
  include = { "qnx-aarch64" },
  ifs     = { image = { format = "bios" } },
}

board "b" {
  include = { "rcar_h3" },
  guests  = { "g" },
}
