-- SPDX-License-Identifier: MIT
-- A board whose recipes come from three places: this folder, the second
-- -I folder (a fragment, and a guest in a subfolder) and the shipped library.
board "myboard" {
  include = { "hypervisor-host", "common" },
  guests  = { "g1" },
}
