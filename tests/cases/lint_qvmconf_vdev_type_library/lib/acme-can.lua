-- A recipe library declares a third party's vdev (acme-can is made up for
-- this test: its options are test data, not those of a real vdev).
vdev_type "acme-can" {
  doc     = "ACME CAN controller",
  arch    = { "aarch64le" },
  bus     = "mmio",
  options = {
    bitrate = { type = "integer", doc = "bits per second" },
    mode    = { type = "enum", values = { "normal", "loopback" } },
    filter  = "words",
    base    = { type = "address", hex = true },
  },
}
