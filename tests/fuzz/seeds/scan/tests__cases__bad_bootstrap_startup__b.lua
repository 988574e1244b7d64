board "b" {
  include = { "rcar_h3" },
  startup = { "my-startup" },
}
