board "b" {
  include = { "rcar_h3" },
  arch    = "aarch64",
}
