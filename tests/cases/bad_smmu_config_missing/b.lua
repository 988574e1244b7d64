-- A board with an SMMU whose smmuman configuration is neither given (source) nor in its image.
guest "g" { include = { "qnx71" }, pass = { { loc = "mem:0xe6ef0000,0x1000,rwd" } } }

board "b" {
  include = { "rcar_h3" },
  smmu    = { type = "rcar3", config = "/etc/rcar3-h3.smmu" },
  guests  = { "g" },
}
