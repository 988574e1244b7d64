-- A pass-through's guest window overlaps a vdev's.
guest "g" { include = { "qnx80" }, pass = { { loc = "mem:0x1c090000,0x1000,rwn=0xfe300000" } } }

board "b" { include = { "rpi4" }, guests = { "g" } }
