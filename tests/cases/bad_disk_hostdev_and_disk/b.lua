-- A disk gives hostdev beside its backing.
guest "g" { include = { "qnx80" }, vdevs = { d = { "virtio-blk", loc = 0x1c0d0000, intr = "gic:41", hostdev = "/x.img", disk = { ram = "1M" } } } }

board "b" { include = { "rpi4" }, guests = { "g" } }
