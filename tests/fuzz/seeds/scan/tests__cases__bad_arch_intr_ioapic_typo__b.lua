guest "g" {
  include = { "qnx-x86_64" },
  vdevs   = { serial = { intr = "myioapc:4" } },
}

board "b" {
  include = { "x86_64" },
  guests  = { "g" },
}
