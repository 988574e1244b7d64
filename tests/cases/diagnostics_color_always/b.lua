board "b" {
  include = { "rcar_h3" },
  kernal  = { "procnto-smp-instr", "-v" },
}
