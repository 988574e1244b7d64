board "t4" { include = { "rcar_h3" }, description = "t4" }
