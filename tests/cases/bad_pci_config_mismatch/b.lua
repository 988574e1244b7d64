-- The board's pci-server reads another file than its PCI configuration.
guest "g" { include = { "qnx71-x86" }, pass = { { loc = "pci:0:5.0=pci:0x8086/0x1533" } } }

board "b" { include = { "x86_64" }, pci = { config = "/etc/system/config/pci/pci_server.cfg" }, guests = { "g" } }
