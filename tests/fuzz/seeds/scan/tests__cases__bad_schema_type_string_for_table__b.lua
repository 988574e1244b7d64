board "b" {
  include = { "rcar_h3" },
  image   = "raw",
}
