-- SPDX-License-Identifier: MIT
-- qnx71-x86: the QNX 7.1 guest of the x86_64 host.

guest "qnx71-x86" {
  include     = { "qnx-x86_64" },
  description = "QNX 7.1 guest of the x86_64 host",
}
