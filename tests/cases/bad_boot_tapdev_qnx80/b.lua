guest "g" {
  include = { "linux-aarch64" },
  vdevs   = { net = { tapdev = "tap0" } },
}

board "b" {
  include = { "imx8qm" },
  guests  = { "g" },
}
