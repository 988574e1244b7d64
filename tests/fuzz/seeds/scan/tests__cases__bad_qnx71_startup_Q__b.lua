board "b" {
  include = { "rcar_h3" },
  startup = append { "-Q", "enable" },
}
