-- Two guests are given overlapping host memory.
guest "g1" { include = { "qnx80" }, pass = { { loc = "mem:0x10000000,0x1000,rwn=0xfe300000" } } }
guest "g2" { include = { "qnx80" }, pass = { { loc = "mem:0x10000000,0x1000,rwn=0xfe300800" } } }

board "b" { include = { "rpi4" }, guests = { "g1", "g2" } }
