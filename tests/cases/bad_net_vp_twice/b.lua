-- Two guest NICs bind one host interface.
guest "g1" { include = { "qnx80" }, vdevs = { up = { "virtio-net", loc = 0x1c0c0000, intr = "gic:40", name = "up", to = { host = "vp1" } } } }
guest "g2" { include = { "qnx80" }, vdevs = { up = { "virtio-net", loc = 0x1c0c0000, intr = "gic:40", name = "up", peer = "/dev/vdevpeers/vp1" } } }

board "b" { include = { "rpi4" }, guests = { "g1", "g2" } }
