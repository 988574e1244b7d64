board "broken" {
  arch = "aarch64le"
  image = { format = "raw" },
}
