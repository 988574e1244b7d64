-- A RAM region that starts inside the 52-bit physical address space of
-- aarch64le and ends one byte beyond it (issue 15); the region below it
-- fits. (Both are elements of the RAM of qnx-aarch64, which stays.)
guest "g" {
  include = { "qnx-aarch64" },
  ram     = { { start = 0xfffffc0000001, size = "1G" }, { start = 0xfffff80000000, size = "1G" } },
}

board "b" {
  include = { "rcar_h3" },
  guests  = { "g" },
}
