-- The board forces its image address: a plain --set loses to it, and says so.
board "f" { include = { "rcar_h3" }, image = { base = force(0x40100000) } }
