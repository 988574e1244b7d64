-- On a board with an SMMU, a memory pass-through must say d or n, and m (system memory) may not go
-- with d.
guest "g" {
  include = { "qnx71" },
  pass    = { { loc = "mem:0xe6ef0000,0x1000,rw" }, { loc = "mem:0xe6f00000,0x1000,md" } },
}

board "b" {
  include = { "rcar_h3" },
  smmu    = { type = "rcar3", config = "/etc/rcar3-h3.smmu", source = "rcar3-h3.smmu" },
  guests  = { "g" },
}
