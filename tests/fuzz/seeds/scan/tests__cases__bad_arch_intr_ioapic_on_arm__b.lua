guest "g" {
  include = { "qnx-aarch64" },
  vdevs   = { console = { intr = "myioapic:4" } },
}

board "b" {
  include = { "rcar_h3" },
  guests  = { "g" },
}
