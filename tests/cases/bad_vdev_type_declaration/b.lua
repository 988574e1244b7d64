-- A vdev_type declaration is checked like a recipe: its fields, and the
-- types its options name (acme-can is made up for this test).
vdev_type "acme-can" {
  doc     = "ACME CAN controller",
  bus     = "pci",
  options = { bitrate = "int", mode = { type = "enum", valeus = { "normal" } } },
}

guest "can" {
  arch  = "aarch64le",
  vdevs = { can = { "acme-can", bitrate = 500000 } },
}
