-- A board named "../../escaped" wrote escaped.build two folders above -o.
board "../../escaped" { include = { "rcar_h3" } }
