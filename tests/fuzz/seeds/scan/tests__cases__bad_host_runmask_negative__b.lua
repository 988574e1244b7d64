guest "g" {
  include = { "qnx-aarch64" },
  cpu     = { { sched = 10, runmask = { 0, -1 } } },
}
board "b" { include = { "rcar_h3" }, cpus = 4, guests = { "g" } }
