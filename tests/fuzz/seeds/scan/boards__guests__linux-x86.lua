-- SPDX-License-Identifier: MIT
-- linux-x86: the Linux guest of the x86_64 host.

guest "linux-x86" {
  include     = { "linux-x86_64" },
  description = "Linux guest of the x86_64 host",
}
