board "b" {
  include = { "rcar_h3" },
  kernel  = { "my-kernel", "-v" },
}
