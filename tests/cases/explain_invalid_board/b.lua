-- The board does not validate: explain still shows the path, and the
-- problems found at its definitions.
board "b" {
  include = { "rcar_h3" },
  image   = { format = "rwa", bsae = 0x48000000 },
  kernal  = { "procnto-smp-instr" },
}
