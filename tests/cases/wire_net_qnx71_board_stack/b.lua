-- A QNX 7.1 host that starts io-pkt itself, with its Ethernet driver: the core adds the vdevpeer
-- driver and the guest's peer to that line, and bridges the guest with the board's interface.
guest "g" {
  include = { "qnx71" },
  vdevs   = { net = { "virtio-net", loc = 0x1c0c0000, intr = "gic:40", name = "p2p", to = { host = true, bridge = "bridge0" } } },
}

board "b" {
  include = { "rcar_h3" },
  network = { bridges = { bridge0 = { "ravb0" } } },
  script  = append { { "io-pkt-v6-hc", "-d", "ravb", bg = true } },
  files   = { ["io-pkt-v6-hc"] = true, ["devnp-ravb.so"] = true },
  guests  = { "g" },
}
