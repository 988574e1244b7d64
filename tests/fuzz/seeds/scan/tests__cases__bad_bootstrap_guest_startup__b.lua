guest "g" {
  include = { "qnx-aarch64" },
  ifs     = { startup = { "my-startup" } },
}

board "b" {
  include = { "rcar_h3" },
  guests  = { "g" },
}
