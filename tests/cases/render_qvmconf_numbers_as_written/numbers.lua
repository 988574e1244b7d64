-- numbers: a guest imported by mkbuildfile import.

guest "numbers" {
  include     = { "linux-aarch64" },
  description = "imported from numbers.qvmconf",
  ram         = { size = "128M" },
  cpu         = 1,
  load        = { "/vm/images/numbers.ifs" },
  cmdline     = delete,
  vdevs       = {
    gic     = { loc = 0x2C001000, gicc = 0x2C002000 },
    console = { loc = 0x1C090000, hostdev = delete },
    disk    = delete,
    net     = { peerfeats = 0x00007fc3, to = delete, mac = delete, peer = "/dev/vdevpeers/vp0" },
  },
  host_files  = delete,
}
