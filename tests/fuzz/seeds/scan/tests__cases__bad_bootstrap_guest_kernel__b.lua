guest "g" {
  include = { "qnx-aarch64" },
  ifs     = { kernel = { "my-kernel" } },
}

board "b" {
  include = { "rcar_h3" },
  guests  = { "g" },
}
