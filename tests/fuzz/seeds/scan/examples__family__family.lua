-- SPDX-License-Identifier: MIT
-- The ACME gateway family: one R-Car H3 board in two hardware revisions,
-- with and without the safety hypervisor, running one guest or two —
-- eight boards from one loop. Render them all with
--   mkbuildfile render --all -I examples/family -o out/

-- What differs between the revisions: r2 loads the image higher and has
-- four CPU cores for the host.
local revisions = {
  r1 = { base = 0x40100000, cpus = "-P1" },
  r2 = { base = 0x48000000, cpus = "-P4" },
}

-- The board all variants build on: the shipped rcar_h3, with ACME's
-- guests instead of the shipped one.
board "acme-base" {
  include     = { "rcar_h3" },
  description = "ACME gateway on R-Car H3",
  guests      = { "acme-qnx" },
}

for _, rev in ipairs { "r1", "r2" } do
  local r = revisions[rev]
  for _, safety in ipairs { false, true } do
    for _, nguests in ipairs { 1, 2 } do
      local name = ("acme-%s%s-%dg"):format(rev, safety and "-safety" or "", nguests)
      board (name) {
        include    = { "acme-base" },
        image      = { base = r.base },
        startup    = { "startup-rcar_h3", r.cpus, "-W", "-vv" },
        hypervisor = { safety = safety },
        guests     = nguests == 2 and append { "acme-linux" } or nil,
      }
    end
  end
end
