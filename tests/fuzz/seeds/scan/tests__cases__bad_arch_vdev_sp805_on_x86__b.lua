guest "g" {
  include = { "qnx-x86_64" },
  vdevs   = { wdog = { "wdt-sp805", loc = 0xfe000000 } },
}

board "b" {
  include = { "x86_64" },
  guests  = { "g" },
}
