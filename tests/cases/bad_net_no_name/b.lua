-- A NIC the host peers with has no name: the host could not reach it.
guest "g" { include = { "qnx80" }, vdevs = { up = { "virtio-net", loc = 0x1c0c0000, intr = "gic:40", to = "host" } } }

board "b" { include = { "rpi4" }, guests = { "g" } }
