guest "g" {
  include = { "linux-x86_64" },
  ram     = { { start = "1M", size = "1023M" }, { start = "512M", size = "16M" } },
}

board "b" {
  include = { "x86_64" },
  guests  = { "g" },
}
