-- A PCI pass-through on a board that declares no PCI.
guest "g" { include = { "qnx71" }, pass = { { loc = "pci:0:5.0=pci:0x8086/0x1533" } } }

board "b" { include = { "rcar_h3" }, guests = { "g" } }
