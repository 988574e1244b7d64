-- A NIC connects to a NIC the other guest does not have, by its key and by a written peer.
guest "g1" { include = { "qnx80" }, vdevs = { side = { "virtio-net", loc = 0x20040000, intr = "gic:43", name = "side", to = { guest = "g2", nic = "nope" } } } }
guest "g2" { include = { "qnx80" }, vdevs = { side = { "virtio-net", loc = 0x20040000, intr = "gic:43", name = "side", peer = "/dev/qvm/g1/wrong" } } }

board "b" { include = { "rpi4" }, guests = { "g1", "g2" } }
