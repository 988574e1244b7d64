-- A variant drops one vdev of the shipped guest and changes one option of
-- another; the host loses the .so of the dropped one.
guest "g" {
  include = { "qnx-aarch64" },
  vdevs = {
    watchdog = delete,
    console  = { loc = 0x1c0a0000 },
  },
  autostart = false,
}

board "b" {
  include = { "rcar_h3" },
  guests  = { "g" },
  files   = { ["/lib/dll/vdev-hpet.so"] = "vdev-hpet.so" },
}
