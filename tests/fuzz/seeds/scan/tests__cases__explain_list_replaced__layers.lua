-- startup: the board's plain list replaces the fragment's and shadows the
-- append written before it; keeplinked, a field, still merges. The --set
-- append comes after the board's list and applies.
fragment "tiny" {
  arch    = "aarch64le",
  image   = { format = "raw" },
  startup = { "startup-test", "-v", keeplinked = true },
  kernel  = { "procnto-smp-instr" },
}

fragment "more" {
  include = { "tiny" },
  startup = append { "-D", "8250" },
}

board "b" {
  include = { "more" },
  startup = { "startup-test", "-vv" },
}
