guest "g" {
  include = { "qnx-aarch64" },
  ifs     = { image = { format = "multiboot" } },
}

board "b" {
  include = { "rcar_h3" },
  guests  = { "g" },
}
