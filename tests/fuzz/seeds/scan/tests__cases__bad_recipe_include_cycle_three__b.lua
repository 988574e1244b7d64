fragment "f1" { include = { "f2" } }
fragment "f2" { include = { "f3" } }
fragment "f3" { include = { "f1" } }

board "b" {
  include = { "rcar_h3", "f1" },
}
