-- A guest named "../../../../gpwn" wrote gpwn.qvmconf four folders above
-- guests/ under -o; here, that is still inside out/.
guest "../../../../gpwn" { include = { "qnx-aarch64" } }
board "b" {
  include = { "rcar_h3" },
  guests  = { "../../../../gpwn" },
}
