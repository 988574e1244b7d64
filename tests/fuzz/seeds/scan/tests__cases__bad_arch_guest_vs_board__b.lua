guest "g" {
  include = { "linux-aarch64" },
  arch    = "x86_64",
}

board "b" {
  include = { "rcar_h3" },
  guests  = { "g" },
}
