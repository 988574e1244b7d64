-- A NIC gives both to and peer.
guest "g" { include = { "qnx80" }, vdevs = { up = { "virtio-net", loc = 0x1c0c0000, intr = "gic:40", name = "up", to = "host", peer = "/dev/vdevpeers/vp0" } } }

board "b" { include = { "rpi4" }, guests = { "g" } }
