-- A NIC whose written peer names a system no guest of the board has (a guest
-- the host starts by hand, perhaps): the core wires nothing for it, and says so.
guest "g" {
  include = { "qnx80" },
  vdevs   = { side = { "virtio-net", loc = 0x20040000, intr = "gic:43", name = "side", peer = "/dev/qvm/byhand/side" } },
}

board "b" { include = { "rpi4" }, guests = { "g" } }
