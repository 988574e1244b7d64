guest "g" {
  include = { "linux-aarch64" },
  vdevs   = { net = { bind_mode = "x" } },
}

board "b" {
  include = { "imx8qm" },
  guests  = { "g" },
}
