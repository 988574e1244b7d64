-- A device that does DMA (d) passed to a guest on a board with an SMMU: smmuman starts with its
-- configuration, with the board's support library, before the guest.
guest "g" { include = { "qnx71" }, pass = { { loc = "mem:0xe6ef0000,0x1000,rwd" } } }

board "b" {
  include = { "rcar_h3" },
  smmu    = { type = "rcar3", config = "/etc/rcar3-h3.smmu", source = "rcar3-h3.smmu" },
  guests  = { "g" },
}
