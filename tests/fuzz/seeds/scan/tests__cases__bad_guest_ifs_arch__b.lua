guest "g" {
  include = { "qnx-aarch64" },
  ifs     = { arch = "x86_64" },
}
board "b" { include = { "rcar_h3" }, guests = { "g" } }
