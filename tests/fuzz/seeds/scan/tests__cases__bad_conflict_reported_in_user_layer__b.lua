-- a second UART on the console's interrupt: the error belongs to this
-- file, with a note at the shipped guest, whatever the files' names
guest "g" {
  include = { "qnx-aarch64" },
  vdevs   = { uart2 = { "pl011", loc = 0x1c0a0000, intr = "gic:37" } },
}
board "b" { include = { "rcar_h3" }, guests = { "g" } }
