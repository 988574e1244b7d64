-- SPDX-License-Identifier: MIT
-- Every .qvmconf the shipped boards and the example family render obeys
-- qvm's order rules: system first, memory before any load, every PIC
-- defined before a vdev or pass that names it.

local core = require "mkbuildfile_core"
local h = require "spec.helpers"

-- The tokens of a qvmconf: whitespace-separated, "..." strings kept whole,
-- '#' comments dropped. Line breaks carry no meaning to qvm.
local function tokens(text)
  local out, i, n = {}, 1, #text
  while i <= n do
    local c = text:sub(i, i)
    if c:match("%s") then
      i = i + 1
    elseif c == "#" then
      i = (text:find("\n", i, true) or n) + 1
    elseif c == '"' then
      local j = i + 1
      while j <= n and text:sub(j, j) ~= '"' do
        if text:sub(j, j) == "\\" then j = j + 1 end
        j = j + 1
      end
      out[#out + 1] = text:sub(i, j)
      i = j + 1
    else
      local j = text:find("[%s#]", i) or n + 1
      out[#out + 1] = text:sub(i, j - 1)
      i = j
    end
  end
  return out
end

-- The first broken rule, or nil.
local function order_problem(text, arch)
  local t = tokens(text)
  if t[1] ~= "system" then return "the first entry is " .. tostring(t[1]) .. ", not system" end
  local memory, pics, vdev = false, { apic = true }, nil
  if arch == "aarch64le" then pics.gic = true end
  for i, tok in ipairs(t) do
    if tok == "ram" or tok == "rom" then memory = true end
    if tok == "load" and not memory then return "load before any ram or rom (token " .. i .. ")" end
    if tok == "vdev" or tok == "pass" or tok == "cpu" or tok == "reserve" then vdev = t[i + 1] end
    if tok == "name" and vdev == "ioapic" then pics[t[i + 1]] = true end
    if tok == "intr" then
      local pic = t[i + 1]:match("^([^:]+):")
      if pic and not pics[pic] then return "intr " .. t[i + 1] .. " names a PIC not defined above" end
    end
  end
  return nil
end

local function rendered(board, include)
  local text, diags, files = core.render(board, { include = include })
  assert(text, diags)
  return files
end

describe("the .qvmconf order rules", function()
  local function check_all(board, include, arch)
    local n = 0
    for path, content in pairs(rendered(board, include)) do
      if path:match("%.qvmconf$") then
        n = n + 1
        assert.is_nil(order_problem(content, arch), board .. ": " .. path)
      end
    end
    return n
  end

  for _, b in ipairs { { "rcar_h3", "aarch64le", 1 }, { "rcar_h3-safety", "aarch64le", 1 },
                       { "imx8qm", "aarch64le", 1 }, { "rpi4", "aarch64le", 1 },
                       { "x86_64", "x86_64", 2 } } do
    it("hold for every guest of the shipped board " .. b[1], function()
      assert.are.equal(b[3], check_all(b[1], {}, b[2]))
    end)
  end

  it("hold for every board of the example family", function()
    local family = h.ROOT .. "/examples/family"
    local names = {}
    for _, rev in ipairs { "r1", "r2" } do
      for _, s in ipairs { "", "-safety" } do
        for _, g in ipairs { 1, 2 } do names[#names + 1] = ("acme-%s%s-%dg"):format(rev, s, g) end
      end
    end
    for _, name in ipairs(names) do
      local want = name:match("2g$") and 2 or 1
      assert.are.equal(want, check_all(name, { family }, "aarch64le"))
    end
  end)

  describe("are kept whatever order the recipe writes", function()
    local dir
    before_each(function() dir = h.tmpdir() end)
    after_each(function() h.rmtree(dir) end)

    it("puts the ioapic before the vdevs that name it, memory before load, system first", function()
      h.write_file(dir, "g.lua", [[
guest "late-pic" {
  include = { "qnx-x86_64" },
  load    = { "/vm/images/extra.bin" },
  host_files = { ["/vm/images/extra.bin"] = "extra.bin" },
  vdevs   = {
    ioapic = delete,
  },
}
guest "g" {
  include = { "late-pic" },
  vdevs   = { pic = { "ioapic", loc = 0xf8000000, intr = "apic", name = "myioapic" } },
}
board "b" { include = { "x86_64" }, guests = { "g" } }
]])
      local files = rendered("b", { dir })
      local conf = files["guests/g/g.qvmconf"]
      assert.is_nil(order_problem(conf, "x86_64"))
      -- the recipe adds the PIC last; the file defines it before the first vdev
      local first_vdev = conf:match("\nvdev (%S+)")
      assert.are.equal("ioapic", first_vdev)
    end)
  end)

  it("reject a file whose PIC comes after its user (the checker itself can fail)", function()
    assert.are.equal("intr myioapic:4 names a PIC not defined above",
      order_problem("system x\nram 1M\nvdev ser8250\n intr myioapic:4\nvdev ioapic\n name myioapic\n", "x86_64"))
    assert.are.equal("load before any ram or rom (token 3)", order_problem("system x\nload a.ifs\nram 1M\n", "x86_64"))
    assert.are.equal("the first entry is ram, not system", order_problem("ram 1M\nsystem x\n", "x86_64"))
  end)
end)
