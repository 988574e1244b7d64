-- SPDX-License-Identifier: MIT
-- A board that does not validate: nothing is written, no depfile either.
board "bad" {
  include = { "rcar_h3" },
  image   = { format = "rwa" },
}
