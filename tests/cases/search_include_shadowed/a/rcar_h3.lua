-- A recipe named after the one it shadows extends it: its include of its
-- own name is the next 'rcar_h3' on the search path, the shipped board.
board "rcar_h3" {
  include = { "rcar_h3" },
  image   = { base = 0x48000000 },
}
