guest "g" {
  include = { "qnx-aarch64" },
  load    = { { "/x.bin", type = "data", addr = 0x10 } },
  host_files = { ["/x.bin"] = "x.bin" },
}

board "b" {
  include = { "rcar_h3" },
  guests  = { "g" },
}
