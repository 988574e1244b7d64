-- The numbers a --set writes keep their spelling in the output and in the
-- messages, as a recipe's do.
board "f" { include = { "rcar_h3" }, image = { base = force(0x00481000) } }
