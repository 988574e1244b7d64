board "b" {
  include = { "rcar_h3" },
  image   = { format = "bios" },
}
