guest "g" {
  include = { "qnx-x86_64" },
  vdevs   = { serial = { intr = "myioapic" } },
}
board "b" { include = { "x86_64" }, guests = { "g" } }
