-- SPDX-License-Identifier: MIT
-- linux: the Linux guest of the i.MX8QM host.

guest "linux" {
  include     = { "linux-aarch64" },
  description = "Linux guest of the i.MX8QM host",
}
