local settings = nil

board "rt" {
  arch  = "aarch64le",
  image = { format = settings.format },
}
