board "w" {
  include    = { "rcar_h3" },
  arch       = "aarch64",
  image      = { base = true, compress = "yes" },
  attributes = { perms = 0755 },
  startup    = "startup-rcar_h3",
  files      = { ksh = false },
}
