-- A QNX 7.1 host: the guest NIC to the host, in a bridge of the board. The core starts io-pkt with
-- the vdevpeer driver and the peer, brings the interface up and bridges it, before the guest
-- starts.
guest "g" {
  include = { "qnx71" },
  vdevs   = { net = { "virtio-net", loc = 0x1c0c0000, intr = "gic:40", name = "p2p", to = { host = true, bridge = "bridge0" } } },
}

board "b" {
  include = { "rcar_h3" },
  network = { bridges = { bridge0 = {} } },
  guests  = { "g" },
}
