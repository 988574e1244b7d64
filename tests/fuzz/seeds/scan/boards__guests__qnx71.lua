-- SPDX-License-Identifier: MIT
-- qnx71: the QNX 7.1 guest of the R-Car H3 host, the conventional ARM QNX
-- guest. In a file of its own so that looking it up reads nothing else.

guest "qnx71" {
  include     = { "qnx-aarch64" },
  description = "QNX 7.1 guest of the R-Car H3 host",
}
