board "b" {
  include = { "rpi4" },
  hypervisor = { safety = true },
}
