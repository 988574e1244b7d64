-- Two disks the host makes name one device.
guest "g1" { include = { "qnx80" }, vdevs = { d = { "virtio-blk", loc = 0x1c0d0000, intr = "gic:41", disk = { ram = "1M", prefix = "vd" } } } }
guest "g2" { include = { "qnx80" }, vdevs = { d = { "virtio-blk", loc = 0x1c0d0000, intr = "gic:41", disk = { ram = "1M", prefix = "vd" } } } }

board "b" { include = { "rpi4" }, guests = { "g1", "g2" } }
