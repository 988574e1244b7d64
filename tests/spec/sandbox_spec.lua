-- The sandbox recipes run in (lua/prelude.lua, src/load/host.c), through the
-- real C core: every message and position is the one the CLI prints.
local h = require "spec.helpers"

describe("the recipe sandbox", function()
  local dir

  before_each(function() dir = h.tmpdir() end)
  after_each(function() h.rmtree(dir) end)

  -- Writes src as dir/NAME.lua and renders board NAME.
  local function run(name, src, sets)
    h.write_file(dir, name .. ".lua", src)
    return h.render(name, dir, sets)
  end

  describe("refuses every name that reaches files, processes or modules", function()
    local names = { "io", "os", "package", "require", "loadfile", "dofile", "load", "loadstring",
                    "debug", "collectgarbage", "print", "getmetatable", "setmetatable",
                    "rawget", "rawset", "rawequal", "rawlen", "coroutine", "module",
                    "setfenv", "getfenv" }
    for _, name in ipairs(names) do
      it("reports '" .. name .. "' at the line and column where the recipe uses it", function()
        local text, diags = run("x", "local ok = true\n  local v = " .. name .. "\nboard \"x\" { }\n")
        assert.is_nil(text)
        assert.are.equal(dir .. "/x.lua:2:13: error: '" .. name .. "' " .. h.SANDBOXED .. "\n", diags)
      end)
    end

    it("stops os.execute before it runs, pointing at 'os'", function()
      local text, diags = run("x", "-- a recipe may not run programs\nlocal ok = true\n  os.execute(\"x\")\nboard \"x\" { }\n")
      assert.is_nil(text)
      assert.are.equal(dir .. "/x.lua:3:3: error: 'os' " .. h.SANDBOXED .. "\n", diags)
    end)

    it("stops io.open in the middle of an expression, pointing at 'io'", function()
      local _, diags = run("x", "local a = 1\nlocal b = io.open(\"/etc/passwd\")\n")
      assert.are.equal(dir .. "/x.lua:2:11: error: 'io' " .. h.SANDBOXED .. "\n", diags)
    end)

    it("stops print used as a statement at the start of a line", function()
      local _, diags = run("x", "local a = 1\nprint(\"hi\")\n")
      assert.are.equal(dir .. "/x.lua:2:1: error: 'print' " .. h.SANDBOXED .. "\n", diags)
    end)

    it("stops setmetatable called inside a board's field", function()
      local _, diags = run("x", "board \"x\" {\n  include = { \"rcar_h3\" },\n  files = setmetatable({}, {}),\n}\n")
      assert.are.equal(dir .. "/x.lua:3:11: error: 'setmetatable' " .. h.SANDBOXED .. "\n", diags)
    end)

    it("ignores the name inside a string or a comment earlier on the line", function()
      local _, diags = run("x", "local s = \"os\" --[[ os ]] local v = os\n")
      assert.are.equal(dir .. "/x.lua:1:37: error: 'os' " .. h.SANDBOXED .. "\n", diags)
    end)

    it("points at the global, not at a table key of the same name earlier on the line", function()
      local _, diags = run("x", "local t = { os = 1 } local v = os\n")
      assert.are.equal(dir .. "/x.lua:1:32: error: 'os' " .. h.SANDBOXED .. "\n", diags)
    end)

    it("does not let pcall turn a forbidden name into a usable value", function()
      local text, diags = run("x", 'local ok, err = pcall(function() return os end)\n'
        .. 'board "x" {\n  include = { "rcar_h3" },\n  script = append { "display_msg " .. tostring(ok), "display_msg " .. tostring(err) },\n}\n')
      assert.are.equal("", diags)
      local expected = h.edit(h.rcar_h3_text("x", dir .. "/x.lua"), "    [+session] ksh &",
        "    [+session] ksh &\n    display_msg false\n    display_msg 'os' " .. h.SANDBOXED)
      assert.are.equal(expected, text)
    end)
  end)

  describe("globals", function()
    it("reports reading an undefined global with its name and position", function()
      local _, diags = run("x", "local x = undefinedthing\n")
      assert.are.equal(dir .. "/x.lua:1:11: error: undefined global 'undefinedthing'\n", diags)
    end)

    it("reports _G as undefined: recipes have no global table", function()
      local _, diags = run("x", "local v = _G\n")
      assert.are.equal(dir .. "/x.lua:1:11: error: undefined global '_G'\n", diags)
    end)

    it("reports an undefined global read inside a function at the line in the function", function()
      local _, diags = run("x", "local function f()\n  return undefined_x\nend\nlocal v = f()\n")
      assert.are.equal(dir .. "/x.lua:2:10: error: undefined global 'undefined_x'\n", diags)
    end)

    it("reports writing a global and says to use 'local'", function()
      local _, diags = run("x", "local x = 1\n   foo = 1\n")
      assert.are.equal(dir .. "/x.lua:2:4: error: assignment to undeclared global 'foo' (declare it with 'local')\n", diags)
    end)

    it("points at the undefined global used as a value, not at the key of the same name", function()
      local _, diags = run("x", "board \"x\" {\n  env = { PATH = PATH },\n}\n")
      assert.are.equal(dir .. "/x.lua:2:18: error: undefined global 'PATH'\n", diags)
    end)
  end)

  describe("the standard library tables", function()
    it("do not offer string.dump", function()
      local _, diags = run("x", "local x = 1\nlocal f = string.dump\n")
      assert.are.equal(dir .. "/x.lua:2:18: error: 'string.dump' is not available in recipes\n", diags)
    end)

    it("do not offer string.dump through a string's methods either", function()
      local _, diags = run("x", "local x = 1\nlocal f = (\"\").dump\n")
      assert.are.equal(dir .. "/x.lua:2:16: error: 'string.dump' is not available in recipes\n", diags)
    end)

    it("do not offer math.random", function()
      local _, diags = run("x", "local x = 1\nlocal f = math.random(1)\n")
      assert.are.equal(dir .. "/x.lua:2:16: error: 'math.random' is not available in recipes\n", diags)
    end)

    it("do not offer math.randomseed", function()
      local _, diags = run("x", "local x = 1\nlocal f = math.randomseed\n")
      assert.are.equal(dir .. "/x.lua:2:16: error: 'math.randomseed' is not available in recipes\n", diags)
    end)

    it("are read-only: adding string.x fails", function()
      local _, diags = run("x", "local x = 1\nstring.x = 1\n")
      assert.are.equal(dir .. "/x.lua:2:8: error: cannot modify 'string.x': the library is read-only\n", diags)
    end)

    it("are read-only: replacing table.insert fails", function()
      local _, diags = run("x", "local x = 1\ntable.insert = nil\n")
      assert.are.equal(dir .. "/x.lua:2:7: error: cannot modify 'table.insert': the library is read-only\n", diags)
    end)

    it("are read-only: changing math.pi fails", function()
      local _, diags = run("x", "local x = 1\n  math.pi = 3\n")
      assert.are.equal(dir .. "/x.lua:2:8: error: cannot modify 'math.pi': the library is read-only\n", diags)
    end)
  end)

  describe("loading", function()
    it("refuses a precompiled (bytecode) recipe instead of loading it", function()
      local bytecode = string.dump(assert(load('board "x" { include = { "rcar_h3" } }')))
      assert.are.equal("\27Lua", bytecode:sub(1, 4))
      local text, diags = run("x", bytecode)
      assert.is_nil(text)
      assert.are.equal(dir .. "/x.lua: error: attempt to load a binary chunk (mode is 't')\n", diags)
    end)

    it("refuses any file that starts with the bytecode signature", function()
      local text, diags = run("x", "\27Lua garbage")
      assert.is_nil(text)
      assert.are.equal(dir .. "/x.lua: error: attempt to load a binary chunk (mode is 't')\n", diags)
    end)
  end)

  describe("the step budget", function()
    it("stops an endless loop and points at its line", function()
      local text, diags = run("x", "local n = 0\n\n  while true do end\n")
      assert.is_nil(text)
      assert.are.equal(dir .. "/x.lua:3:3: error: recipe runs too long (over 200 million steps): an endless loop?\n", diags)
    end)

    it("stops endless recursion in a tail call", function()
      local _, diags = run("x", "local function f() return f() end\n  f()\n")
      assert.are.equal(dir .. "/x.lua:1:1: error: recipe runs too long (over 200 million steps): an endless loop?\n", diags)
    end)

    it("reports a stack overflow of a deep recursion", function()
      local _, diags = run("x", "local function f() return 1 + f() end\n  f()\n")
      assert.are.equal(dir .. "/x.lua:1:1: error: stack overflow\n", diags)
    end)

    it("cannot be caught by pcall: an endless loop still fails", function()
      local _, diags = run("x", "local ok, e = pcall(function() while true do end end)\n"
        .. "board \"x\" { include = { \"rcar_h3\" } }\n")
      assert.are.equal(dir .. "/x.lua:1:1: error: recipe runs too long (over 200 million steps): an endless loop?\n", diags)
    end)
  end)

  describe("errors a recipe raises itself", function()
    it("error(msg) is reported at the calling line without Lua's chunk prefix", function()
      local _, diags = run("x", "local a = 1\n  error(\"custom failure\")\n")
      assert.are.equal(dir .. "/x.lua:2:3: error: custom failure\n", diags)
    end)

    it("assert(false, msg) is reported like error(msg)", function()
      local _, diags = run("x", "local a = 1\n  assert(false, \"boom\")\n")
      assert.are.equal(dir .. "/x.lua:2:3: error: boom\n", diags)
    end)

    it("a runtime error names the local it failed on and points at it", function()
      local _, diags = run("x", "local settings = nil\n\nboard \"x\" {\n  arch  = \"aarch64le\",\n  image = { format = settings.format },\n}\n")
      assert.are.equal(dir .. "/x.lua:5:22: error: attempt to index a nil value (local 'settings')\n", diags)
    end)

    it("an error object that is not a string is reported as such", function()
      local _, diags = run("x", "local a = 1\n  error({})\n")
      assert.are.equal(dir .. "/x.lua:2:3: error: error object is not a string\n", diags)
    end)
  end)
end)

describe("what recipes may use", function()
  local dir

  before_each(function() dir = h.tmpdir() end)
  after_each(function() h.rmtree(dir) end)

  it("string methods, table.concat, math, ipairs, pairs, tostring, tonumber, pcall, select, type and utf8 work", function()
    h.write_file(dir, "x.lua", h.BASE .. [[
local words = {}
for _, w in ipairs { "a", "b" } do words[#words + 1] = ("-" .. w):upper() end
local n = 0
for k in pairs { x = 1, y = 2 } do n = n + 1 end
local ok, err = pcall(error, "boom", 0)
board "x" {
  include = { "base" },
  script = {  -- display_msg: procnto prints the values; no program needed
    "display_msg " .. table.concat(words, " "),
    "display_msg " .. tostring(math.max(3, 7)) .. " " .. tostring(tonumber("0x10")) .. " " .. n,
    ("display_msg %s %s"):format(ok, err),
    "display_msg " .. string.rep("ab", 2),
    "display_msg " .. select("#", 1, 2, 3) .. type(nil),
    "display_msg " .. utf8.char(72, 105),
    "display_msg " .. _VERSION,
  },
}
]])
    local text, diags = h.render("x", dir)
    assert.are.equal("", diags)
    local shown = { "-A -B", "7 16 2", "false boom", "abab", "3nil", "Hi", "Lua 5.4" }
    for i, s in ipairs(shown) do shown[i] = "display_msg " .. s end
    assert.are.equal(h.base_text("x", { dir .. "/x.lua" }) .. h.script_block(shown), text)
  end)

  it("local functions build field values", function()
    h.write_file(dir, "x.lua", h.BASE .. [[
local function daemon(name, ...)
  return { name, ..., bg = true }
end
board "x" {
  include = { "base" },
  script = { daemon("slogger2"), daemon("devc-ser", "-b115200") },
  files = { slogger2 = true, ["devc-ser"] = true },
}
]])
    local text, diags = h.render("x", dir)
    assert.are.equal("", diags)
    assert.are.equal(h.base_text("x", { dir .. "/x.lua" })
      .. h.script_block { "slogger2 &", "devc-ser -b115200 &" } .. "\nslogger2\ndevc-ser\n", text)
  end)

  describe("a loop that declares a family of boards", function()
    local src = [[
for _, rev in ipairs { "a", "b" } do
  board ("x-" .. rev) {
    include = { "rcar_h3" },
    startup = append { "-r" .. rev },
  }
end
]]
    for _, rev in ipairs { "a", "b" } do
      it("renders variant x-" .. rev .. " with its own value", function()
        h.write_file(dir, "family.lua", src)
        local text, diags = h.render("x-" .. rev, dir)
        assert.are.equal("", diags)
        assert.are.equal(h.edit(h.rcar_h3_text("x-" .. rev, dir .. "/family.lua"), h.RCAR_H3_STARTUP,
          h.RCAR_H3_STARTUP .. " -r" .. rev), text)
      end)
    end

    it("points an error of one variant at the field inside the loop", function()
      h.write_file(dir, "family.lua", [[
for _, fmt in ipairs { "raw", "rwa" } do
  board ("x-" .. fmt) {
    include = { "rcar_h3" },
    image = { format = fmt },
  }
end
]])
      local text, diags = h.render("x-rwa", dir)
      assert.is_nil(text)
      assert.are.equal(dir .. '/family.lua:4:15: error: \'image.format\' must be one of "raw", "binary", "elf", "srec", "bios", '
        .. '"multiboot", "uefi", "raw64k", "binary64k", "elf64k", "srec64k"; got "rwa"; did you mean "raw"?\n', diags)
      assert.is_string((h.render("x-raw", dir)))
    end)
  end)

  describe("never depends on the run", function()
    -- The description board x gets from the recipe's `expr`, after `prelude`
    -- (or the diagnostics, when it fails).
    local function described(prelude, expr)
      h.write_file(dir, "x.lua", h.BASE .. prelude .. "\nboard 'x' { include = { 'base' }, "
        .. "description = " .. expr .. " }\n")
      local text, diags = h.render("x", dir)
      return text and text:match("^# Generated[^\n]*\n# ([^\n]*)") or diags
    end

    it("visits integers, strings, floats, booleans and objects in that order", function()
      assert.are.equal("1 2 a b 0.5 false true t f", described("local s = {}\n"
        .. "local t, f = {}, function() end\n"
        .. "for _, v in pairs { a = 'a', [2] = 2, b = 'b', [1] = 1, [0.5] = 0.5, [true] = 'true',"
        .. " [false] = 'false', [f] = 'f', [t] = 't' } do s[#s + 1] = tostring(v) end",
        "table.concat(s, ' ')"))
    end)

    it("orders tables by when they were made, after the collector freed thousands", function()
      assert.are.equal("1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20", described(
        "local keep, set, s = {}, {}, {}\n"
        .. "for i = 1, 20 * 997 do local t = { i } if i % 997 == 0 then keep[#keep + 1] = t end end\n"
        .. "for i = #keep, 1, -1 do set[keep[i]] = i end\n"
        .. "for _, v in pairs(set) do s[#s + 1] = v end",
        "table.concat(s, ',')"))
    end)

    it("lets a traversal assign nil to the keys it has not visited yet", function()
      assert.are.equal("a c", described("local t, s = { a = 1, b = 2, c = 3 }, {}\n"
        .. "for k in pairs(t) do if k == 'a' then t.b = nil end s[#s + 1] = k end",
        "table.concat(s, ' ')"))
    end)

    it("refuses a key that is not in the table, as next does", function()
      assert.are.equal(dir .. "/x.lua:7:11: error: invalid key to 'next'\n",
        described("local v = next({ a = 1 }, 'zz')", "v"))
    end)

    it("names a table by number, never by address, and refuses %p", function()
      assert.are.equal("table #", described("", "(tostring({}):gsub('%d+$', ''))"))
      assert.are.equal("function #", described("", "(tostring(string.upper):gsub('%d+$', ''))"))
      assert.are.equal("table #", described("", "(string.format('%s', {}):gsub('%d+$', ''))"))
      assert.are.equal(dir .. "/x.lua:8:56: error: string.format: %p prints an address, which "
        .. "changes from run to run\n", described("", "string.format('%p', {})"))
    end)
  end)
end)
