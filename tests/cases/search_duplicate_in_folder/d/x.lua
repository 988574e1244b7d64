board "b" { include = { "rcar_h3" }, description = "from x" }
