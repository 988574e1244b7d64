-- SPDX-License-Identifier: MIT
-- qnx80: the QNX 8.0 guest of the Raspberry Pi 4 host.

guest "qnx80" {
  include     = { "qnx-aarch64" },
  description = "QNX 8.0 guest of the Raspberry Pi 4 host",
}
