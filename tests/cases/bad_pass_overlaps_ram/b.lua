-- A pass-through's guest window lies in the guest's RAM.
guest "g" { include = { "qnx80" }, pass = { { loc = "mem:0x80001000,0x1000,rwn=0xfe300000" } } }

board "b" { include = { "rpi4" }, guests = { "g" } }
