-- SPDX-License-Identifier: MIT
-- The LuaLS definitions that `mkbuildfile schema --luals` writes hold every
-- field of the schema, in the class of its record, with its doc string.

local h = require "spec.helpers"

local function bin()
  return os.getenv("MKBUILDFILE_BIN") or h.ROOT .. "/build/mkbuildfile"
end

local function run(args)
  local p = assert(io.popen("'" .. bin() .. "' " .. args .. " 2>&1"))
  local out = p:read("a")
  p:close()
  return out
end

-- class name -> { field name -> the rest of its ---@field line }
local function classes(text)
  local out, cur = {}, nil
  for line in text:gmatch("[^\n]+") do
    local cls = line:match("^%-%-%-@class (%S+)")
    if cls then
      cur = {}
      out[cls] = cur
    else
      local name, rest = line:match("^%-%-%-@field (%S+) (.*)$")
      if name and cur then cur[(name:gsub("%?$", ""))] = rest end
    end
  end
  return out
end

describe("schema --luals", function()
  local schema = dofile(h.ROOT .. "/lua/schema.lua")
  local text = run("schema --luals")
  local cls = classes(text)

  it("starts as a LuaLS meta file", function()
    assert.are.equal("---@meta mkbuildfile\n", text:sub(1, 21))
  end)

  for _, kind in ipairs { "board", "guest" } do
    it("has every " .. kind .. " field, required ones without '?', with its doc", function()
      local c = assert(cls["mkb." .. kind], "no class mkb." .. kind)
      local n = 0
      for _, f in ipairs(schema[kind].fields) do
        local rest = c[f.name]
        assert(rest, "no ---@field " .. f.name .. " in mkb." .. kind)
        assert.is_truthy(rest:find(f.doc, 1, true), f.name .. ": doc missing")
        n = n + 1
      end
      assert.are.equal(#schema[kind].fields, n)
      assert.is_truthy(text:find("---@field arch \"aarch64le\"", 1, true))
    end)
  end

  it("has a class for every vdev type with every option", function()
    for _, v in ipairs(schema.vdevs) do
      local c = assert(cls["mkb.vdev." .. v.name], "no class for vdev " .. v.name)
      for _, f in ipairs(schema.vdev_common) do assert(c[f.name], v.name .. " lacks " .. f.name) end
      for _, f in ipairs(v.fields) do assert(c[f.name], v.name .. " lacks " .. f.name) end
      assert.is_truthy(text:find("mkb.vdev." .. v.name, 1, true))
    end
  end)

  it("declares the constructors and value operations", function()
    for _, fn in ipairs { "board", "guest", "fragment", "default", "force", "append", "prepend", "remove" } do
      assert.is_truthy(text:find("\nfunction " .. fn .. "(", 1, true), fn)
    end
    assert.is_truthy(text:find("\ndelete = nil\n", 1, true))
  end)

  it("a fragment takes the fields of boards and guests, none required", function()
    local c = cls["mkb.fragment"]
    assert(c.arch and c.vdevs and c.guests)
    assert.is_truthy(text:find("---@field arch? ", 1, true))
  end)
end)
