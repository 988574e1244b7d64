-- A disk gives two backings.
guest "g" { include = { "qnx80" }, vdevs = { d = { "virtio-blk", loc = 0x1c0d0000, intr = "gic:41", disk = { ram = "1M", file = "/x.img" } } } }

board "b" { include = { "rpi4" }, guests = { "g" } }
