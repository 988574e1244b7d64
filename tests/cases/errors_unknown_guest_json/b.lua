-- A misspelt guest name is reported at its list element, and the board's
-- own mistake in the same run too.
board "b" {
  include = { "rcar_h3" },
  image   = { format = "rwa" },
  guests  = { "qnx7l" },
}
