board "g" {
  arch = arhc,
}
