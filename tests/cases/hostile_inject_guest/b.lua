-- Strings that would add lines or whole vdevs to a .qvmconf (issue 15):
-- each is refused at its line. A vdev's log of three words and one with a
-- line break, a variable name with a line break, a pass-through blob type
-- that is no type (inject_quoted: what renders, quoted).
guest "g" {
  include = { "qnx-aarch64" },
  vdevs   = {
    console = { "pl011", loc = 0x1c090000, intr = "gic:37", log = "error stdout extra" },
    shmem   = { "shmem", loc = 0x1c050000, intr = "gic:38", log = "error\nvdev evil" },
  },
  set     = { ["x\nvdev pl011"] = 1 },
  pass    = { { loc = "0x1c0e0000,0x1000,rw", type = "initrd pass" } },
}

board "b" {
  include = { "rcar_h3" },
  guests  = { "g" },
}
