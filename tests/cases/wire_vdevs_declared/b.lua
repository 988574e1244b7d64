-- vdev libraries declared for guests started by hand stay in the image, whether the board lists
-- them or the core adds them.
board "b" {
  include    = { "rpi4" },
  hypervisor = { vdevs = { "virtio-console", "virtio-net", "gic" } },
  files      = { ["/lib/dll/vdev-virtio-console.so"] = "vdev-virtio-console.so" },
}
