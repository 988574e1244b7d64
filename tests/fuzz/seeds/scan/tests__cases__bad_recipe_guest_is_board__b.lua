board "b" {
  include = { "rcar_h3" },
  guests  = { "rpi4" },
}
