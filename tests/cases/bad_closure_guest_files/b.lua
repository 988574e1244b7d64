-- What a guest's configuration names must be in the host image: the files
-- it loads and the files its vdevs read (hostdev), and the configuration
-- qvm is started with. Devices (/dev/...), outputs (>) and qvm's own
-- stdout (>-) are not files of the image.
guest "g" {
  include = { "linux-aarch64" },
  load    = append { "/vm/images/linux-aarch64/extra.bin" },
  vdevs   = {
    disk  = { hostdev = "</vm/images/linux-aarch64/ro.img" },
    disk2 = { "virtio-blk", loc = 0x1c0e0000, intr = "gic:42", hostdev = "/dev/hd1" },
    log   = { "virtio-console", loc = 0x1c0f0000, intr = "gic:43", hostdev = ">/tmp/g.log" },
  },
  host_files = { ["/vm/images/linux-aarch64/rootfs.img"] = delete },
}

board "b" {
  include = { "rcar_h3" },
  guests  = { "g" },
  script  = append { "qvm @/vm/config/other.qvmconf &" },
}
