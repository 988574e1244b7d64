board "b" {
  include = { "x86_64" },
  image   = { format = "raw64k" },
}
