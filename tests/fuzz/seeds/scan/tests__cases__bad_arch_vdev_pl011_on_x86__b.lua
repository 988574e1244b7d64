guest "g" {
  include = { "qnx-x86_64" },
  vdevs   = { uart = { "pl011", loc = 0x1c090000 } },
}

board "b" {
  include = { "x86_64" },
  guests  = { "g" },
}
