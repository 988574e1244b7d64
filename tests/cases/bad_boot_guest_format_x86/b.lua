-- A BIOS image needs a BIOS; qvm loads an x86 QNX guest as multiboot.
guest "g" {
  include = { "qnx-x86_64" },
  ifs     = { image = { format = "bios" } },
}

board "b" {
  include = { "x86_64" },
  guests  = { "g" },
}
