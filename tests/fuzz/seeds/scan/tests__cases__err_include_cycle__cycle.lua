board "a" {
  include = { "b" },
}

board "b" {
  include = { "rcar_h3", "c" },
}

board "c" {
  include = { "a" },
}
