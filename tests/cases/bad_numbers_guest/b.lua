-- Numbers out of range in guests (issue 15): vCPU counts of 0, -3 and 2^40
-- (which would write 4 TiB of cpu lines), a RAM start past the 52-bit
-- physical address space, a RAM size that does not fit in 64 bits, a
-- negative vdev loc (bad_number_ram_end_beyond: a region that ends beyond
-- the space).
guest "zero" { include = { "qnx-aarch64" }, cpu = 0 }
guest "negative" { include = { "qnx-aarch64" }, cpu = -3 }
guest "huge" { include = { "qnx-aarch64" }, cpu = 1 << 40 }
guest "start" { include = { "qnx-aarch64" }, ram = { start = math.maxinteger - 10, size = "1G" } }
guest "size" { include = { "qnx-aarch64" }, ram = "9999999999999999G" }
guest "loc" {
  include = { "qnx-aarch64" },
  vdevs   = { console = { "pl011", loc = -4096, intr = "gic:37" } },
}

board "b" {
  include = { "rcar_h3" },
  guests  = { "zero", "negative", "huge", "start", "size", "loc" },
}
