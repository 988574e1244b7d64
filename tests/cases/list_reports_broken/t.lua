board "t4" {
  include = { "rcar_h3" },
  kernal  = { "procnto-smp-instr" },
  image   = { format = "rwa" },
}
