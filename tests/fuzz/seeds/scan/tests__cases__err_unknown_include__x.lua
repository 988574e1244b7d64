board "x" {
  include = { "rcar_h3", "hypervisor-hots" },
}
