-- safety warn: the entropy device runs as the non-safety vdev, with a
-- warning; the certified ones take their -safety files. The configuration
-- names every vdev as always: qvm finds the -safety file itself.
guest "g" {
  include = { "qnx-aarch64" },
  safety  = "warn",
  vdevs   = { rng = { "virtio-entropy", loc = 0x1c0e0000, intr = "gic:44" } },
}

board "b" {
  include = { "rcar_h3-safety" },
  guests  = { "g" },
}
