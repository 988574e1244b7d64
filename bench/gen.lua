-- SPDX-License-Identifier: MIT
-- gen.lua DIR N: writes a synthetic product library of N boards into DIR,
-- shaped like a real one: shared fragments (a product base, ten feature
-- fragments), twenty guest variants built on the shipped guests, and N
-- board files, each including the shipped rcar_h3, the base and one
-- feature, and running one to three guests.
local dir, n = arg[1], tonumber(arg[2])
assert(dir and n, "usage: lua5.4 gen.lua DIR N")

local function write(path, text)
  local f = assert(io.open(dir .. "/" .. path, "w"))
  f:write(text)
  f:close()
end

os.execute("mkdir -p '" .. dir .. "/fragments' '" .. dir .. "/guests' '" .. dir .. "/boards'")

local base = { 'fragment "prod-base" {',
  '  env = { PRODUCT = "acme", LOG_LEVEL = "info" },',
  '  script = append {',
  '    { "io-pkt-v6-hc", bg = true },',
  '  },',
  '  files = {',
  '    ["io-pkt-v6-hc"] = true,' }
for i = 1, 40 do base[#base + 1] = ('    ["/usr/bin/tool%02d"] = "build/tools/tool%02d",'):format(i, i) end
base[#base + 1] = '    ["/etc/product.conf"] = { perms = "0444", contents = "name=acme\\nrev=1\\n" },'
base[#base + 1] = '    ["io-sock"] = true,'
base[#base + 1] = '    ["/sbin/ifconfig"] = "ifconfig",'
base[#base + 1] = "  },\n}\n"
write("fragments/prod-base.lua", table.concat(base, "\n"))

for k = 1, 10 do
  write(("fragments/feat-%d.lua"):format(k), ([[
fragment "feat-%d" {
  startup = append { "-D%d" },
  script  = append { { "feature%d-daemon", "-v", bg = true } },
  files   = { ["/usr/sbin/feature%d-daemon"] = "build/feature%d/daemon", ["/etc/feature%d.cfg"] = { contents = "enabled=1\n" } },
}
]]):format(k, k, k, k, k, k))
end

for g = 1, 20 do
  local linux = g % 4 == 0
  write(("guests/g%d.lua"):format(g), ([[
guest "g%d" {
  include = { "%s" },
  ram     = { start = 0x80000000, size = "%dM" },
  vdevs   = { console = { hostdev = "/dev/ser%d" } },
}
]]):format(g, linux and "linux-aarch64" or "qnx-aarch64", 128 + 32 * (g % 4), g % 3 + 1))
end

-- Guests of one board share no RAM window: qvm runs each VM in its own
-- address space, so the same guest map in every guest is fine.
for b = 1, n do
  local guests = {}
  for j = 0, b % 3 do guests[#guests + 1] = ('"g%d"'):format((b + 7 * j) % 20 + 1) end
  write(("boards/b%d.lua"):format(b), ([[
board "b%d" {
  include = { "rcar_h3", "prod-base", "feat-%d" },
  image   = { base = 0x%x },
  guests  = { %s },
}
]]):format(b, b % 10 + 1, 0x40100000 + (b % 16) * 0x100000, table.concat(guests, ", ")))
end
