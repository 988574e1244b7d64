-- explain says why the SPI driver left: a raw pass of its registers.
guest "g" {
  include = { "qnx80" },
  pass    = { { loc = "mem:0xfe204000,0x1000,rwn", intr = "gic:44=150" } },
}

board "b" { include = { "rpi4" }, guests = { "g" } }
