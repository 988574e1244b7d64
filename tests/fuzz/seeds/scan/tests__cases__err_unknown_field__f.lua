board "f" {
  include = { "rcar_h3" },
  kernal  = { "procnto-smp-instr" },
  image   = { fromat = "raw" },
}
