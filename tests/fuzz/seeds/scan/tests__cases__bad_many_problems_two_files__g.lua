guest "g" {
  include = { "qnx-aarch64" },
  vdevs   = { console = { intr = "gic:abc" } },
  load    = { { "/x.bin", type = "data", addr = 0x10 } },
}
