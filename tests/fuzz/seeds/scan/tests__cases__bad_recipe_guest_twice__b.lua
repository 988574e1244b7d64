board "b" {
  include = { "rcar_h3" },
  guests  = append { "qnx71" },
}
