board "b" {
  arch    = "aarch64le",
  image   = { format = "raw" },
  startup = { "startup-rcar_h3" },
}
