-- A guest disk backed by a file, by a host device, and by a RAM and a loopback disk the host
-- makes: the host starts each driver and waits for its device before the guest starts; a second
-- host-made disk gets the next name.
guest "g" {
  include = { "qnx80" },
  vdevs   = {
    a = { "virtio-blk", loc = 0x1c0d0000, intr = "gic:41", disk = { file = "/vm/images/g/disk.img", readonly = true } },
    b = { "virtio-blk", loc = 0x1c0e0000, intr = "gic:44", disk = { device = "/dev/hd1t177" }, dio = "enable", threads = 4 },
    c = { "virtio-blk", loc = 0x1c100000, intr = "gic:45", disk = { ram = "128M" } },
    d = { "virtio-blk", loc = 0x1c110000, intr = "gic:46", disk = { loopback = "/vm/images/g/data.img" } },
  },
  host_files = { ["/vm/images/g/disk.img"] = "disk.img", ["/vm/images/g/data.img"] = "data.img" },
}

board "b" { include = { "rpi4" }, guests = { "g" } }
