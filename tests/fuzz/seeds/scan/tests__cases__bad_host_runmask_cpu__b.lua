guest "g" {
  include = { "qnx-aarch64" },
  cpu     = { { sched = 10 }, { runmask = "2,4" } },
}

board "b" {
  include = { "rcar_h3" },
  cpus    = 4,
  guests  = { "g" },
}
