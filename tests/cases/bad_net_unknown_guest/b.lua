-- A NIC connects to a guest the board does not run.
guest "g" { include = { "qnx80" }, vdevs = { side = { "virtio-net", loc = 0x20040000, intr = "gic:43", name = "side", to = { guest = "nope" } } } }

board "b" { include = { "rpi4" }, guests = { "g" } }
