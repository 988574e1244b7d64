fragment "fast" { image = { compress = false } }
fragment "small" { image = { compress = true } }

board "b" {
  arch    = "aarch64le",
  include = { "fast", "small" },
  image   = { format = "raw" },
  startup = { "startup-rcar_h3" },
  kernel  = { "procnto-smp-instr" },
}
