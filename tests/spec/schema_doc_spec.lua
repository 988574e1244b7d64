-- SPDX-License-Identifier: MIT
-- The LuaLS definitions that `mkbuildfile schema --luals` writes hold every
-- field of the schema, in the class of its record, with its doc string.
--
-- lua-language-server is neither in Debian 12 nor on npm, so its --check
-- cannot run here: these checks are structural. Every class is (exact), so
-- LuaLS diagnoses a field a class does not declare; every field is optional,
-- so a variant or a fragment that sets a few fields is not flagged; and the
-- fields the shipped recipes, the example family and the README's variant
-- use are declared in their class, while a misspelt one (kernal) is not.

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
    local cls = line:match("^%-%-%-@class %(exact%) (%S+)") or line:match("^%-%-%-@class (%S+)")
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
    it("has every " .. kind .. " field, optional, with its doc", function()
      local c = assert(cls["mkb." .. kind], "no class mkb." .. kind)
      local n = 0
      for _, f in ipairs(schema[kind].fields) do
        local rest = c[f.name]
        assert(rest, "no ---@field " .. f.name .. " in mkb." .. kind)
        assert.is_truthy(rest:find(f.doc, 1, true), f.name .. ": doc missing")
        n = n + 1
      end
      assert.are.equal(#schema[kind].fields, n)
      assert.is_truthy(text:find("---@field arch? \"aarch64le\"", 1, true))
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

  it("every class is exact and every named field optional", function()
    local n = 0
    for line in text:gmatch("[^\n]+") do
      if line:match("^%-%-%-@class ") then
        assert.is_truthy(line:match("^%-%-%-@class %(exact%) "), line)
        n = n + 1
      end
      local name = line:match("^%-%-%-@field ([%a_][%w_]*%??) ")
      if name then assert.is_truthy(name:match("%?$"), line) end
    end
    assert.is_true(n > 50)
  end)

  -- The top-level fields and vdev options a recipe file declares, by kind.
  local function declared(path)
    local found = {}
    local function ctor(kind)
      return function(_)
        return function(t) found[#found + 1] = { kind = kind, t = t } end
      end
    end
    local env = setmetatable({
      board = ctor("board"), guest = ctor("guest"), fragment = ctor("fragment"),
      default = function(v) return v end, force = function(v) return v end,
      append = function(v) return v end, prepend = function(v) return v end,
      remove = function(v) return v end, delete = false,
    }, { __index = _G })
    assert(loadfile(path, "t", env))()
    return found
  end

  local function check_file(path)
    for _, d in ipairs(declared(path)) do
      local c = assert(cls["mkb." .. d.kind])
      for k, v in pairs(d.t) do
        if type(k) == "string" then
          assert(c[k], path .. ": field '" .. k .. "' is not in mkb." .. d.kind)
        end
        if k == "vdevs" and type(v) == "table" then
          for name, vd in pairs(v) do
            local vc = type(vd) == "table" and
              (vd[1] and cls["mkb.vdev." .. vd[1]] or cls["mkb.vdev.change"])
            for opt in pairs(type(vd) == "table" and vd or {}) do
              if type(opt) == "string" then
                assert(vc and vc[opt], path .. ": vdev " .. name .. " option '" .. opt .. "' unknown")
              end
            end
          end
        end
      end
    end
  end

  it("declares every field the shipped recipes, the family and the README's variant use", function()
    local files = {}
    for _, dir in ipairs { "boards", "boards/guests", "recipes", "recipes/guests", "examples/family",
                           "examples/family/recipes" } do
      for f in require("lfs").dir(h.ROOT .. "/" .. dir) do
        if f:match("%.lua$") then files[#files + 1] = h.ROOT .. "/" .. dir .. "/" .. f end
      end
    end
    -- the README's variant, as the tutorial writes it
    local dir = h.tmpdir()
    h.write_file(dir, "myboard-debug.lua", [[
board "myboard-debug" {
  include    = { "myboard" },
  startup    = append { "-v" },
  script     = remove { { "ksh", session = true, bg = true } },
  files      = { ["/etc/motd"] = delete, ["pidin"] = true },
  hypervisor = { safety = true },
}
]])
    files[#files + 1] = dir .. "/myboard-debug.lua"
    for _, f in ipairs(files) do check_file(f) end
    h.rmtree(dir)
    assert.is_true(#files > 10)
  end)

  it("leaves a misspelt field out of its class, so LuaLS flags it", function()
    assert.is_nil(cls["mkb.board"].kernal)
    assert.is_nil(cls["mkb.vdev.pl011"].hostdevv)
    assert.is_nil(cls["mkb.vdev.change"].hostdevv)
  end)

  it("a fragment takes the fields of boards and guests, none required", function()
    local c = cls["mkb.fragment"]
    assert(c.arch and c.vdevs and c.guests)
    assert.is_truthy(text:find("---@field arch? ", 1, true))
  end)
end)
