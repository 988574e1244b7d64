-- QNX 7.1's network stack is io-pkt; io-sock is QNX 8.0's.
board "b" {
  include = { "rcar_h3" },
  script  = append { "io-sock -m vdevpeer-net" },
  files   = { ["io-sock"] = true },
}
