-- A vdev library for a guest the board starts by hand, outside the recipes:
-- force() does not keep it (the host carries the vdevs its guests use); the
-- warning says how to declare it.
board "b" {
  include = { "rcar_h3" },
  files   = { ["/lib/dll/vdev-virtio-blk.so"] = force("vdev-virtio-blk.so") },
}
