-- the same name again in the same folder: which one is meant?
board "b" { include = { "rcar_h3" }, description = "from y" }
