guest "g" {
  include = { "qnx-aarch64" },
  vdevs   = { console = { intr = "gic:abc" } },
}

board "b" {
  include = { "rcar_h3" },
  guests  = { "g" },
}
