-- Two guests are given one host interrupt.
guest "g1" { include = { "qnx80" }, pass = { { loc = "mem:0x10000000,0x1000,rwn=0xfe300000", intr = "gic:44=99" } } }
guest "g2" { include = { "qnx80" }, pass = { { loc = "mem:0x10000000,0x1000,rwn=0xfe310000", intr = "gic:45=99" } } }

board "b" { include = { "rpi4" }, guests = { "g1", "g2" } }
