-- SPDX-License-Identifier: MIT
-- One board for the graph: an included board, fragments included twice
-- (drawn once), a guest that includes a shipped guest and a fragment, and
-- names that dot must quote ('.', '+' and '-' are not in its plain IDs).

fragment "common" {
  include = { "hypervisor-host" },
  arch    = "aarch64le",
  qnx     = "7.1",
  image   = { base = 0x40100000, format = "raw" },
  startup = { "startup-test" },
  kernel  = { "procnto-smp-instr" },
}

fragment "tools" {
  include = { "common" },
  files   = { ["pidin"] = true },
}

board "plain" {
  include = { "common" },
}

board "my-board.v2+hv" {
  include = { "plain", "tools" },
  guests  = { "guest_1.0" },
}

fragment "console.ser3" {
  vdevs = { console = { hostdev = force "/dev/ser3" } },
}

guest "guest_1.0" {
  include = { "qnx-aarch64", "console.ser3" },
}
