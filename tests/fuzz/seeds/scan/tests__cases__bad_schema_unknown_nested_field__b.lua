board "b" {
  include = { "rcar_h3" },
  hypervisor = { saftey = true },
}
