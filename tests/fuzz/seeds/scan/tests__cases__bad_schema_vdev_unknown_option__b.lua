guest "g" {
  include = { "qnx-aarch64" },
  vdevs   = { console = { hostdevv = "/dev/ser2" } },
}

board "b" {
  include = { "rcar_h3" },
  guests  = { "g" },
}
