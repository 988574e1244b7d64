-- gpu: a guest imported by mkbuildfile import.

-- 'virtio-gpu' is no vdev type of the schema: declared here from the options the file gives it,
-- typed by their values (check them; a recipe library may declare it instead).
vdev_type "virtio-gpu" {
  doc  = "declared by mkbuildfile import from gpu.qvmconf, which uses it",
  arch = { "aarch64le" },
}

-- 'acme-can' is no vdev type of the schema: declared here from the options the file gives it,
-- typed by their values (check them; a recipe library may declare it instead).
vdev_type "acme-can" {
  doc     = "declared by mkbuildfile import from gpu.qvmconf, which uses it",
  arch    = { "aarch64le" },
  options = { bitrate = "integer", mode = "string", filter = "words" },
}

guest "gpu" {
  description = "imported from gpu.qvmconf",
  arch        = "aarch64le",
  ram         = { start = 0x80000000, size = "256M" },
  cpu         = 1,
  load        = { "/vm/images/gpu.ifs" },
  vdevs       = {
    gic          = { "gic", version = 2 },
    gpu0         = { "virtio-gpu", loc = 0x1c0e0000, intr = "gic:42", name = "gpu0" },
    ["acme-can"] = { "acme-can", loc = 0x1c0f0000, intr = "gic:43", bitrate = 500000,
                     mode = "loopback", filter = { "0x100", "0x200" } },
  },
}
