guest "g" {
  include = { "qnx-x86_64" },
  vdevs   = { gic = { "gic", version = 2 } },
}

board "b" {
  include = { "x86_64" },
  guests  = { "g" },
}
