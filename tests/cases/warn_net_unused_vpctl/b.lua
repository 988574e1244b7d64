-- The board lists the vdevpeer module and vpctl, but no guest NIC peers with the host: they are
-- left out, with a warning.
board "b" {
  include = { "rpi4" },
  files   = { ["mods-vdevpeer-net.so"] = true, vpctl = true },
}
