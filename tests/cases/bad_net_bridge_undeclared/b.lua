-- A NIC joins a bridge the board does not declare.
guest "g" { include = { "qnx80" }, vdevs = { up = { "virtio-net", loc = 0x1c0c0000, intr = "gic:40", name = "up", to = { host = true, bridge = "br9" } } } }

board "b" { include = { "rpi4" }, guests = { "g" } }
