-- QNX certifies no safety variant of the entropy device; of virtio-input
-- nothing is known: both are refused when the guest requires safety.
guest "g" {
  include = { "qnx-aarch64" },
  safety  = "required",
  vdevs   = {
    rng   = { "virtio-entropy", loc = 0x1c0e0000, intr = "gic:44" },
    input = { "virtio-input", loc = 0x1c0e1000, intr = "gic:45" },
  },
}

board "b" {
  include = { "rcar_h3-safety" },
  guests  = { "g" },
}
