-- A guest that uses the library's vdev validates and renders, and its host
-- gets vdev-acme-can.so.
guest "can" {
  arch  = "aarch64le",
  ram   = "256M",
  load  = { "/vm/images/can.ifs" },
  vdevs = {
    gic = { "gic", version = 2 },
    can = { "acme-can", loc = 0x1c0f0000, intr = "gic:43", bitrate = 500000, mode = "loopback",
            filter = { "0x100", "0x200" }, base = 0x00400000 },
  },
  host_files = { ["/vm/images/can.ifs"] = "can.ifs" },
}

board "h" {
  include = { "rcar_h3" },
  guests  = { "can" },
}
