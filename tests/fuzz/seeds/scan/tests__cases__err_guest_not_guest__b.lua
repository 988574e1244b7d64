board "b" {
  include = { "rcar_h3" },
  guests  = { "qnx71", "hypervisor-host" },
}
