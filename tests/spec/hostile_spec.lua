-- Hostile recipes at the loading stage (issue 15), through the real C core:
-- value operations a recipe cannot edit, names that cannot leave the output
-- folder, files that are not recipes, and the limits of a recipe run
-- (steps, CPU time, memory, values). Messages and positions are the ones
-- the command line prints.
local h = require "spec.helpers"
local lfs = require "lfs"

local TOO_LONG = "error: recipe runs too long (over 1 million steps): an endless loop?\n"

describe("a hostile recipe", function()
  local dir

  before_each(function() dir = h.tmpdir() end)
  after_each(function() h.rmtree(dir) end)

  -- Writes src as dir/NAME.lua and renders board NAME within limits.
  local function run(name, src, limits)
    h.write_file(dir, name .. ".lua", src)
    return h.core.render(name, { include = { dir }, limits = limits })
  end

  describe("cannot edit a value operation", function()
    local ops = { ["append { 1 }"] = "append{...}", ["prepend { 1 }"] = "prepend{...}",
                  ["remove { 1 }"] = "remove{...}", ["force(1)"] = "force(...)",
                  ["default(1)"] = "default(...)", ["delete"] = "delete" }
    local order = { "append { 1 }", "prepend { 1 }", "remove { 1 }", "force(1)", "default(1)",
                    "delete" }
    for _, expr in ipairs(order) do
      it("nor set a field of " .. ops[expr] .. ", at the field", function()
        local _, diags = run("x", "local a = " .. expr .. "\n  a.value = 42\n")
        assert.are.equal(dir .. "/x.lua:2:5: error: cannot set 'value' of " .. ops[expr]
          .. ": a value operation is read-only\n", diags)
      end)

      it("nor read a field of " .. ops[expr], function()
        local _, diags = run("x", "local a = " .. expr .. "\nlocal v = a.op\n")
        assert.are.equal(dir .. "/x.lua:2:13: error: cannot read 'op' of " .. ops[expr]
          .. ": a value operation is only assigned to a field\n", diags)
      end)
    end

    it("nor add a list element with table.insert", function()
      local _, diags = run("x", "local a = append { 1 }\ntable.insert(a, 2)\n")
      assert.are.equal(dir .. "/x.lua:2:1: error: bad argument #1 to 'insert' (table expected, "
        .. "got value operation)\n", diags)
    end)

    it("names a key that is not a string or number by its type", function()
      local _, diags = run("x", "local a = force(1)\na[true] = 1\n")
      assert.are.equal(dir .. "/x.lua:2:1: error: cannot set a boolean key of force(...): a value "
        .. "operation is read-only\n", diags)
    end)

    it("and tostring names the operation, never an address", function()
      local text, diags = run("x", h.BASE .. 'board "x" {\n  include = { "base" },\n'
        .. '  script = { "display_msg " .. tostring(append { 1 }) .. " " .. tostring(force(1)) .. " "\n'
        .. '    .. tostring(delete) },\n}\n')
      assert.are.equal("", diags)
      -- (the '}' of the raw line is escaped: it would end the script block)
      assert.are.equal(h.base_text("x", { dir .. "/x.lua" })
        .. h.script_block { "display_msg append{...\\} force(...) delete" }, text)
    end)

    it("while the operations still do their work", function()
      local text, diags = run("x", h.BASE .. 'board "x" {\n  include = { "base" },\n'
        .. '  script = { "display_msg a", "display_msg b" },\n}\nboard "y" {\n  include = { "x" },\n'
        .. '  script = append { "display_msg c" },\n  kernel = force { "procnto-smp" },\n}\n')
      assert.are.equal("", diags)
      assert.is_string(text)
      local y = h.core.render("y", { include = { dir } })
      assert.are.equal((h.base_text("y", { dir .. "/x.lua" })
        .. h.script_block { "display_msg a", "display_msg b", "display_msg c" })
        :gsub("procnto%-smp%-instr", "procnto-smp"), y)
    end)
  end)

  describe("names recipes with identifiers only", function()
    local bad = {
      { "../../escaped", "a name is made of letters, digits, '_', '.', '+' and '-'" },
      { "a/b", "a name is made of letters, digits, '_', '.', '+' and '-'" },
      { "x\\ny", "a name is made of letters, digits, '_', '.', '+' and '-'", "x\\ny" },
      { "tab\\there", "a name is made of letters, digits, '_', '.', '+' and '-'", "tab\\there" },
      { "esc\\27[2J", "a name is made of letters, digits, '_', '.', '+' and '-'", "esc\\x1b[2J" },
      { "two words", "a name is made of letters, digits, '_', '.', '+' and '-'" },
      { "caf\\u{e9}", "a name is made of letters, digits, '_', '.', '+' and '-'", "caf\u{e9}" },
      { "..", "a name starts with a letter, a digit or '_'" },
      { ".hidden", "a name starts with a letter, a digit or '_'" },
      { "-rf", "a name starts with a letter, a digit or '_'" },
      { "+x", "a name starts with a letter, a digit or '_'" },
      { "a..b", "a name has no \"..\"" },
      { ("a"):rep(65), "a name has 1 to 64 characters" },
    }
    for _, case in ipairs(bad) do
      local src, why, shown = case[1], case[2], case[3] or case[1]
      it("rejects \"" .. src .. "\" at its declaration", function()
        local text, diags = run("x", 'local a = 1\n  board "' .. src .. '" { }\n')
        assert.is_nil(text)
        assert.are.equal(dir .. "/x.lua:2:3: error: board name '" .. shown .. "' is not valid: "
          .. why .. "\n", h.file_diags(diags, dir))
      end)
    end

    for _, name in ipairs { "a", "A_b-1.2+x", "_x", "9lives", ("n"):rep(64) } do
      it("takes \"" .. name .. "\"", function()
        h.write_file(dir, "x.lua", h.BASE .. 'board "' .. name .. '" { include = { "base" } }\n')
        local text, diags = h.render(name, dir)
        assert.are.equal("", diags)
        assert.are.equal(h.base_text(name, { dir .. "/x.lua" }), text)
      end)
    end

    it("checks guests and fragments too", function()
      local _, diags = run("x", 'fragment "a b" { }\nguest "../g" { }\n')
      assert.are.equal(dir .. "/x.lua:1:1: error: fragment name 'a b' is not valid: a name is "
        .. "made of letters, digits, '_', '.', '+' and '-'\n"
        .. dir .. "/x.lua:2:1: error: guest name '../g' is not valid: a name is made of letters, "
        .. "digits, '_', '.', '+' and '-'\n", h.file_diags(diags, dir))
    end)
  end)

  describe("reads recipe files", function()
    it("refuses a FIFO instead of waiting for a writer", function()
      assert.is_true(os.execute("mkfifo '" .. dir .. "/x.lua'"))
      local text, diags = h.render("x", dir)
      assert.is_nil(text)
      assert.are.equal(dir .. "/x.lua: error: cannot read: not a regular file\n",
        h.file_diags(diags, dir))
    end)

    it("refuses a link to /dev/zero instead of reading for ever", function()
      assert.is_true(lfs.link("/dev/zero", dir .. "/x.lua", true))
      local _, diags = h.render("x", dir)
      assert.are.equal(dir .. "/x.lua: error: cannot read: not a regular file\n",
        h.file_diags(diags, dir))
    end)

    it("follows a link to a regular recipe file", function()
      h.write_file(dir, "real.txt", h.BASE .. 'board "x" { include = { "base" } }\n')
      assert.is_true(lfs.link(dir .. "/real.txt", dir .. "/x.lua", true))
      local text, diags = h.render("x", dir)
      assert.are.equal("", diags)
      assert.are.equal(h.base_text("x", { dir .. "/x.lua" }), text)
    end)

    it("refuses a file over 8 MiB", function()
      local _, diags = run("x", ("-- padding\n"):rep(800000))
      assert.are.equal(dir .. "/x.lua: error: cannot read: larger than 8 MiB, which no recipe "
        .. "is\n", diags)
    end)

    it("skips a UTF-8 byte order mark", function()
      local text, diags = run("x", "\239\187\191" .. h.BASE .. 'board "x" { include = { "base" } }\n')
      assert.are.equal("", diags)
      assert.are.equal(h.base_text("x", { dir .. "/x.lua" }), text)
    end)
  end)

  describe("is stopped by its step budget", function()
    local limits = { steps = 1 }

    it("in an endless loop", function()
      local _, diags = run("x", "local n = 0\n  while true do n = n + 1 end\n", limits)
      assert.are.equal(dir .. "/x.lua:2:3: " .. TOO_LONG, diags)
    end)

    it("in the message handler of xpcall, where Lua turns the hooks off", function()
      local _, diags = run("x", "local ok = xpcall(function()\n  while true do end\nend, function()\n"
        .. "  while true do end\nend)\n", limits)
      assert.are.equal(dir .. "/x.lua:2:3: " .. TOO_LONG, diags)
    end)

    it("when a string grows by concatenation, charged by the bytes it allocates", function()
      local _, diags = run("x", "local s = ''\nfor i = 1, 1000000 do\n  s = s .. '0123456789'\nend\n",
        limits)
      assert.are.equal(dir .. "/x.lua:3:3: " .. TOO_LONG, diags)
    end)

    it("when string.rep makes big strings in a loop", function()
      local _, diags = run("x", "for i = 1, 100 do\n  local s = string.rep('x', 1 << 24)\nend\n", limits)
      assert.are.equal(dir .. "/x.lua:2:3: " .. TOO_LONG, diags)
    end)

    it("before a pattern that backtracks for ever, saying why, at the call", function()
      local _, diags = run("x", "local s = ('a'):rep(100000)\nlocal i = s:find('.-.-.-b')\n")
      assert.are.equal(dir .. "/x.lua:2:13: error: string.find: the pattern '.-.-.-b' may take "
        .. "about 10^20 steps on a string of 100000 bytes, more than the recipe has left of its "
        .. "200 million\n", diags)
    end)

    it("before gmatch and gsub with such patterns", function()
      local _, diags = run("x", "local s = ('a'):rep(100000)\nfor w in s:gmatch('(a*)*b') do end\n")
      assert.are.equal(dir .. "/x.lua:2:12: error: string.gmatch: the pattern '(a*)*b' may take "
        .. "about 10^10 steps on a string of 100000 bytes, more than the recipe has left of its "
        .. "200 million\n", diags)
    end)

    it("but lets ordinary patterns over long text run", function()
      local text, diags = run("x", h.BASE .. [[
local text = ("word  word\n"):rep(20000)
local lines, words = 0, 0
for _ in text:gmatch("[^\n]+") do lines = lines + 1 end
local squeezed = text:gsub("%s+", " ")
for _ in squeezed:gmatch("%a+") do words = words + 1 end
board "x" {
  include = { "base" },
  script = { "display_msg " .. lines .. " " .. words .. " " .. tostring(text:find("word\n", 1, true)) },
}
]])
      assert.are.equal("", diags)
      assert.are.equal(h.base_text("x", { dir .. "/x.lua" }) .. h.script_block { "display_msg 20000 40000 7" }, text)
    end)

    it("before table.move over 2^63 elements, which never ended", function()
      local _, diags = run("x", "local t = {}\n  table.move(t, 1, math.maxinteger - 1, 1)\n")
      assert.are.equal(dir .. "/x.lua:2:3: error: recipe runs too long (over 200 million steps): "
        .. "an endless loop?\n", diags)
    end)

    it("when table.remove shifts a long list again and again", function()
      local _, diags = run("x", "local t = {}\nfor i = 1, 100000 do t[i] = i end\n"
        .. "while #t > 0 do\n  table.remove(t, 1)\nend\n", { steps = 10 })
      assert.are.equal(dir .. "/x.lua:4:3: error: recipe runs too long (over 10 million steps): "
        .. "an endless loop?\n", diags)
    end)

    it("with its own limit for each file", function()
      h.write_file(dir, "a.lua", "local n = 0\nfor i = 1, 300000 do n = n + i end\n")
      local text, diags = run("x", h.BASE .. "local n = 0\nfor i = 1, 300000 do n = n + i end\n"
        .. 'board "x" { include = { "base" } }\n', limits)
      assert.are.equal("", diags)
      assert.are.equal(h.base_text("x", { dir .. "/x.lua" }), text)
    end)
  end)

  describe("is stopped by the CPU-time limit", function()
    it("when each step is long: comparing two long strings is one instruction", function()
      local _, diags = run("x", "local a = ('x'):rep(1 << 24)\nlocal b = ('x'):rep((1 << 24) - 1) .. 'y'\n"
        .. "local n = 0\nwhile true do\n  if a == b then n = n + 1 end\nend\n", { time = 1 })
      assert.are.equal(dir .. "/x.lua:5:3: error: recipe runs too long (over 1 s of CPU time): "
        .. "an endless loop?\n", diags)
    end)
  end)

  describe("meets the limits the environment of the command line sets", function()
    -- Runs the binary in dir with environment assignments env; returns what
    -- it prints on stderr.
    local function cli(env, args)
      local p = assert(io.popen("cd '" .. dir .. "' && " .. env .. " '" .. h.bin() .. "' " .. args
        .. " 2>&1 >/dev/null"))
      local err = p:read("a")
      p:close()
      return err
    end

    it("MKBUILDFILE_STEP_LIMIT in millions of steps", function()
      h.write_file(dir, "x.lua", "local n = 0\n  while true do n = n + 1 end\n")
      assert.are.equal("x.lua:2:3: " .. TOO_LONG .. "1 error, 0 warnings\n",
        cli("MKBUILDFILE_STEP_LIMIT=1", "render x -I ."))
    end)

    it("MKBUILDFILE_MEMORY_LIMIT in MiB", function()
      h.write_file(dir, "x.lua", "local s = ('x'):rep(3 << 20)\n")
      assert.are.equal("x.lua:1:1: error: out of memory: the recipe needs more than 2 MiB "
        .. "(MKBUILDFILE_MEMORY_LIMIT)\n1 error, 0 warnings\n",
        cli("MKBUILDFILE_MEMORY_LIMIT=2", "render x -I ."))
    end)

    it("and a value that is not a whole number is an error", function()
      assert.are.equal("mkbuildfile: error: MKBUILDFILE_TIME_LIMIT: expected a whole number from 0 "
        .. "to 1000000, got '1.5'\n1 error, 0 warnings\n", cli("MKBUILDFILE_TIME_LIMIT=1.5", "list"))
    end)
  end)

  describe("is held to its memory limit", function()
    it("and told so at the line that needed more", function()
      local _, diags = run("x", "local t = {}\nfor i = 1, 20 do\n  t[i] = ('x'):rep(512 << 20)\nend\n")
      assert.are.equal(dir .. "/x.lua:3:3: error: out of memory: the recipe needs more than 256 "
        .. "MiB (MKBUILDFILE_MEMORY_LIMIT)\n", diags)
    end)

    it("when a table grows without end", function()
      local _, diags = run("x", "local t = {}\nlocal i = 0\nwhile true do\n  i = i + 1\n  t[i] = i\nend\n",
        { memory = 16 })
      assert.are.equal(dir .. "/x.lua:5:3: error: out of memory: the recipe needs more than 16 "
        .. "MiB (MKBUILDFILE_MEMORY_LIMIT)\n", diags)
    end)

    it("when the stack of a deep recursion outgrows it, at the call", function()
      local _, diags = run("x", "local function f(n)\n  local a, b, c, d, e, g, h, k = n, n, n, n, n, n, n, n\n"
        .. "  return f(n + 1) + a + b + c + d + e + g + h + k\nend\nf(1)\n", { memory = 4 })
      assert.are.equal(dir .. "/x.lua:3:3: error: out of memory: the recipe needs more than 4 "
        .. "MiB (MKBUILDFILE_MEMORY_LIMIT)\n", diags)
    end)

    it("in its own file, not with the message of an earlier file's error", function()
      -- both declare the name looked up: the lookup runs both
      h.write_file(dir, "a.lua", "local a = 1\n  error('an earlier error')\nboard 'nothing' {}\n")
      h.write_file(dir, "b.lua", "local t = {}\nfor i = 1, 20 do\n  t[i] = ('x'):rep(32 << 20)\nend\n"
        .. "board 'nothing' {}\n")
      local _, diags = h.core.render("nothing", { include = { dir }, limits = { memory = 64 } })
      assert.are.equal(dir .. "/a.lua:2:3: error: an earlier error\n"
        .. dir .. "/b.lua:3:3: error: out of memory: the recipe needs more than 64 MiB "
        .. "(MKBUILDFILE_MEMORY_LIMIT)\n", h.file_diags(diags, dir))
    end)

    it("and a recipe that catches the memory error may go on", function()
      local text, diags = run("x", h.BASE .. "local ok = pcall(string.rep, 'x', 64 << 20)\n"
        .. 'board "x" { include = { "base" }, script = { "display_msg " .. tostring(ok) } }\n',
        { memory = 16 })
      assert.are.equal("", diags)
      assert.are.equal(h.base_text("x", { dir .. "/x.lua" }) .. h.script_block { "display_msg false" }, text)
    end)
  end)

  describe("cannot make conversion expand a shared table", function()
    it("22 levels of t = { t, t } are 4 million values: an error at the field", function()
      local _, diags = run("x", h.BASE .. "local t = { 'a' }\nfor i = 1, 22 do t = { t, t } end\n"
        .. 'board "x" {\n  include = { "base" },\n  script = t,\n}\n')
      assert.are.equal(dir .. "/x.lua:11:3: error: 'script' of 'x' takes the file over 250000 "
        .. "values: a table used in several places is copied at each use\n", diags)
    end)

    it("nor through many declarations of one file", function()
      local _, diags = run("x", h.BASE .. "local t = {}\nfor i = 1, 5000 do t[i] = i end\n"
        .. 'for i = 1, 100 do\n  fragment ("f" .. i) { files = t }\nend\n')
      assert.are.equal(dir .. "/x.lua:10:25: error: 'files' of 'f50' takes the file over 250000 "
        .. "values: a table used in several places is copied at each use\n", h.file_diags(diags, dir))
    end)
  end)
end)
