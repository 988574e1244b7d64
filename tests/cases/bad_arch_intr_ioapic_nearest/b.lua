-- Two ioapics: 'myioapc' is one edit from myioapic and two from myiop.
-- The suggestion is the nearest, not the last one within reach.
guest "g" {
  include = { "qnx-x86_64" },
  vdevs   = {
    serial = { intr = "myioapc:4" },
    ioapic2 = { "ioapic", loc = 0xf8010000, intr = "apic", name = "myiop" },
  },
}

board "b" {
  include = { "x86_64" },
  guests  = { "g" },
}
