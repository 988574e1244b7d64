-- Numbers out of range on a board (issue 15): a CPU count that wrapped
-- around, an image address and a RAM size that do not fit in 64 bits.
board "b" {
  include = { "rcar_h3" },
  cpus    = math.maxinteger + 1,
  ram     = "9999999999999999G",
  image   = { base = "0xffffffffffffffffff" },
}
