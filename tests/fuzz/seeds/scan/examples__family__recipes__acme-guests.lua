-- SPDX-License-Identifier: MIT
-- ACME's guests: the shipped ones, with ACME's changes. The QNX guest's
-- console goes to the host's second serial port instead of qvm's stdout:
-- one option of one vdev of the shipped qnx-aarch64 guest.

guest "acme-qnx" {
  include = { "qnx-aarch64" },
  vdevs   = { console = { hostdev = "/dev/ser2" } },
}

guest "acme-linux" {
  include = { "linux-aarch64" },
  ram     = { start = 0xc0000000, size = "512M" },
}
