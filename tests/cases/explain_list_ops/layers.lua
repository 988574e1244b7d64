-- script along four layers: a default list, an append, a remove in the
-- board and a prepend from --set. No plain list replaces the default one,
-- so every operation applies to it.
fragment "tiny" {
  arch    = "aarch64le",
  image   = { format = "raw" },
  startup = { "startup-test" },
  kernel  = { "procnto-smp-instr" },
  script  = default { "one", "two", "three" },
}

fragment "more" {
  include = { "tiny" },
  script  = append { "four", "two" },
}

board "b" {
  include = { "more" },
  script  = remove { "two" },
  -- the commands the script runs, in the image
  files   = { one = true, two = true, three = true, four = true, zero = true },
}
