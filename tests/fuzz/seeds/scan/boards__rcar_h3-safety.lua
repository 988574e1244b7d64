-- SPDX-License-Identifier: MIT
-- rcar_h3-safety: the R-Car H3 host with QNX Hypervisor for Safety 2.2.
-- One switch: the core puts qvm-safety and aps-safety on the kernel line
-- and uses the safety kernel.

board "rcar_h3-safety" {
  include     = { "rcar_h3" },
  description = "Renesas R-Car H3 Salvator-X, QNX Hypervisor for Safety 2.2 host",
  hypervisor  = { safety = true },
}
