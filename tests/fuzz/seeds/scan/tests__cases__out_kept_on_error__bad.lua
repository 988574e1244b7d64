board "bad" {
  include = { "rcar_h3" },
  image   = { format = "rwa" },
}
