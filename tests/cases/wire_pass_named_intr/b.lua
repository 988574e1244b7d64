-- A device given by name with the guest interrupt the recipe chooses: the host vector comes from
-- the device.
guest "g" {
  include = { "qnx80" },
  pass    = { { device = "spi0", intr = "gic:44" } },
}

board "b" { include = { "rpi4" }, guests = { "g" } }
