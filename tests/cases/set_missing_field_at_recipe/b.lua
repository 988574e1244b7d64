-- The board has no image format: that is its mistake, not the --set's,
-- which only sets the address.
board "b" {
  include = { "hypervisor-host" },
  arch    = "aarch64le",
  qnx     = "7.1",
  startup = { "startup-rcar_h3" },
  kernel  = { "procnto-smp-instr" },
}
