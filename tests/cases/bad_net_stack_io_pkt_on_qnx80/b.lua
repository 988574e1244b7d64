-- QNX 8.0's network stack is io-sock; io-pkt is QNX 7.x's.
guest "g" { include = { "qnx80" } }

board "b" {
  include = { "rpi4" },
  script  = append { { "io-pkt-v6-hc", "-d", "vdevpeer-net" } },
  files   = { ["io-pkt-v6-hc"] = true },
  guests  = { "g" },
}
