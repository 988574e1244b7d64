-- A raw pass of the SPI controller's registers gives the guest the board's device spi0: its driver
-- leaves the host as with a pass by name.
guest "g" {
  include = { "qnx80" },
  pass    = { { loc = "mem:0xfe204000,0x1000,rwn", intr = "gic:44=150" } },
}

board "b" { include = { "rpi4" }, guests = { "g" } }
