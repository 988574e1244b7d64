-- Without a safety option, qvm-safety requires safety components: the
-- 8250 UART has no safety variant.
guest "g" {
  include = { "qnx-aarch64" },
  vdevs   = { uart2 = { "ser8250", loc = 0x1c0a0000, intr = "gic:50" } },
}

board "b" {
  include = { "rcar_h3-safety" },
  guests  = { "g" },
}
