-- The same on a QHS host: smmuman-safety and the -safety support library.
guest "g" { include = { "qnx71" }, pass = { { loc = "mem:0xe6ef0000,0x1000,rwd" } } }

board "b" {
  include = { "rcar_h3-safety" },
  smmu    = { type = "rcar3", config = "/etc/rcar3-h3.smmu", source = "rcar3-h3.smmu" },
  guests  = { "g" },
}
