-- The Raspberry Pi 4 gives its SPI controller to the QNX guest, and a PCI
-- function to a Linux guest: the host stops driving the SPI controller and
-- gains pci-server's qvm support module.
guest "spi-guest" {
  include = { "qnx-aarch64" },
  pass    = { "spi0" },
}

guest "pci-guest" {
  include = { "linux-aarch64" },
  ram     = { start = 0xc0000000, size = "512M" },
  pass    = { { loc = "pci:0:2.0=pci:1:0.0", intr = "gic:60=92" } },
}

board "pt" {
  include = { "rpi4" },
  guests  = { "spi-guest", "pci-guest" },
}
