-- Options the documentation confirms: virtio-blk dio and threads, virtio-console delayed and
-- sched.
guest "g" {
  include = { "qnx80" },
  vdevs   = {
    disk    = { "virtio-blk", loc = 0x1c0d0000, intr = "gic:41", hostdev = "/dev/hd1t177", dio = "disable", threads = 2 },
    console = { "virtio-console", loc = 0x20000000, intr = "gic:42", hostdev = "/dev/ser2", delayed = "forever", sched = 15 },
  },
}

board "b" { include = { "rpi4" }, guests = { "g" } }
