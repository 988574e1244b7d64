guest "g" {
  include = { "qnx-aarch64" },
  cpu     = { { sched = 10, partition = "guests" } },
}

board "b" {
  include = { "rpi4" },
  guests  = { "g" },
}
