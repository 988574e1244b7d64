-- The recipe language of lua/prelude.lua (constructors and value
-- operations) as the real C core links, merges, checks and renders it.
local h = require "spec.helpers"

local STARTUP = h.RCAR_H3_STARTUP

describe("the recipe language", function()
  local dir

  before_each(function() dir = h.tmpdir() end)
  after_each(function() h.rmtree(dir) end)

  -- Writes src as dir/NAME.lua and renders board NAME.
  local function run(name, src, sets)
    h.write_file(dir, name .. ".lua", src)
    return h.render(name, dir, sets)
  end

  -- A board "x" on top of rcar_h3 with the extra field lines `fields`.
  local function on_rcar(fields, sets)
    return run("x", 'board "x" {\n  include = { "rcar_h3" },\n' .. fields .. "}\n", sets)
  end

  local function rcar(sets) return h.rcar_h3_text("x", dir .. "/x.lua", sets) end

  describe("constructors", function()
    it("render a board that only includes rcar_h3 exactly like rcar_h3", function()
      local text, diags = on_rcar("")
      assert.are.equal("", diags)
      assert.are.equal(rcar(), text)
    end)

    it("reject a board name that is not a string, at the constructor", function()
      local text, diags = run("x", "local a = 1\n  board(42)\n")
      assert.is_nil(text)
      assert.are.equal(dir .. "/x.lua:2:3: error: board name must be a non-empty string, got number\n", diags)
    end)

    it("reject an empty board name", function()
      local _, diags = run("x", "local a = 1\n  guest \"\"\n")
      assert.are.equal(dir .. "/x.lua:2:3: error: guest name must be a non-empty string, got string\n", diags)
    end)

    it("reject fields that are not a table, naming the board", function()
      local _, diags = run("x", "local a = 1\n  board \"x\" (42)\n")
      assert.are.equal(dir .. "/x.lua:2:3: error: board 'x' expects a table of fields, as in board \"x\" { ... }\n", diags)
    end)

    it("do not render a fragment: only boards render", function()
      local text, diags = run("x", "local a = 1\n  fragment \"x\" { }\n")
      assert.is_nil(text)
      assert.are.equal(dir .. "/x.lua:2:3: error: 'x' is a fragment, not a board: only boards render to a buildfile\n", diags)
    end)

    it("render a guest on its own only when it says its architecture", function()
      local _, diags = run("x", "guest \"x\" { }\n")
      assert.are.equal(dir .. "/x.lua:1:1: error: guest 'x' has no 'arch': a guest rendered on its own, without a board, says its architecture itself\n", diags)
    end)

    it("do not render the shipped hypervisor-host fragment", function()
      local text, diags = h.core.render("hypervisor-host", {})
      assert.is_nil(text)
      assert.are.equal("recipes/hypervisor-host.lua:" .. h.position_in("recipes/hypervisor-host.lua", 'fragment "hypervisor-host"') .. ": error: 'hypervisor-host' is a fragment, not a board: only boards render to a buildfile\n", diags)
    end)

    it("report a name declared twice in one file, with a note at the first", function()
      local _, diags = run("x", 'board "x" {\n  include = { "rcar_h3" },\n}\n\n  board "x" {\n  include = { "rcar_h3" },\n}\n')
      assert.are.equal(dir .. "/x.lua:5:3: error: board 'x' is declared twice in this file\n"
        .. dir .. "/x.lua:1:1: note: first declared here\n", diags)
    end)

    it("report a name a loop declares twice at the constructor in the loop", function()
      local _, diags = run("x", 'for i = 1, 2 do\n  board "x" { include = { "rcar_h3" } }\nend\n')
      assert.are.equal(dir .. "/x.lua:2:3: error: board 'x' is declared twice in this file\n"
        .. dir .. "/x.lua:2:3: note: first declared here\n", diags)
    end)

    it("report the second declaration of a name on one line at its own constructor", function()
      local _, diags = run("x", 'board "x" { include = { "rcar_h3" } } fragment "x" { }\n')
      assert.are.equal(dir .. "/x.lua:1:39: error: fragment 'x' is declared twice in this file\n"
        .. dir .. "/x.lua:1:1: note: first declared here\n", diags)
    end)

    it("report a board without the required fields at its constructor, one line per field", function()
      local _, diags = run("x", 'board "x" { }\n')
      local p = dir .. "/x.lua:1:1: error: board 'x' has no '"
      assert.are.equal(p .. "arch', which is required\n" .. p .. "image', which is required\n"
        .. p .. "startup', which is required\n" .. p .. "kernel', which is required\n", diags)
    end)

    it("suggest the closest name for an unknown include", function()
      local _, diags = run("x", 'board "x" {\n  include = { "rcar_h4" },\n}\n')
      assert.are.equal(dir .. "/x.lua:2:15: error: include: 'rcar_h4' is not a recipe; did you mean 'rcar_h3'?\n", diags)
    end)

    it("report every schema error of a board at once, sorted by position", function()
      local _, diags = on_rcar('  kernal = {},\n  image = { format = "rwa", compress = "yes" },\n')
      assert.are.equal(dir .. "/x.lua:3:3: error: unknown field 'kernal' in board 'x'; did you mean 'kernel'?\n"
        .. dir .. '/x.lua:4:13: error: \'image.format\' must be one of "raw", "binary", "elf", "srec", "bios", '
        .. '"multiboot", "uefi", "raw64k", "binary64k", "elf64k", "srec64k"; got "rwa"; did you mean "raw"?\n'
        .. dir .. "/x.lua:4:29: error: 'image.compress' must be true or false or an integer, got \"yes\"\n", diags)
    end)

    it("suggest the closest field name for an unknown field", function()
      local _, diags = on_rcar("  kernal = {},\n")
      assert.are.equal(dir .. "/x.lua:3:3: error: unknown field 'kernal' in board 'x'; did you mean 'kernel'?\n", diags)
    end)
  end)

  describe("recipe files", function()
    it("are shown as the include dir as given plus the file's path below it", function()
      h.write_file(dir, "sub/deeper/x.lua", 'board "x" {\n  include = { "rcar_h3" },\n  kernal = {},\n}\n')
      local _, diags = h.render("x", dir)
      assert.are.equal(dir .. "/sub/deeper/x.lua:3:3: error: unknown field 'kernal' in board 'x'; did you mean 'kernel'?\n", diags)
    end)

    it("are shown without a doubled slash when the include dir ends in '/'", function()
      h.write_file(dir, "x.lua", 'board "x" {\n  include = { "rcar_h3" },\n}\n')
      local text, diags = h.render("x", dir .. "//")
      assert.are.equal("", diags)
      assert.are.equal(rcar(), text)
    end)

    it("may declare a board under another file name, found by searching every file", function()
      h.write_file(dir, "products.lua", 'board "x" {\n  include = { "rcar_h3" },\n}\n')
      local text, diags = h.render("x", dir)
      assert.are.equal("", diags)
      assert.are.equal(h.rcar_h3_text("x", dir .. "/products.lua"), text)
    end)
  end)

  describe("value operations", function()
    it("append adds to the end of the inherited list", function()
      local text, diags = on_rcar('  startup = append { "-s" },\n')
      assert.are.equal("", diags)
      assert.are.equal(h.edit(rcar(), STARTUP, "    [+keeplinked] startup-rcar_h3 -P1 -W -vv -s"), text)
    end)

    it("prepend adds to the front of the inherited list", function()
      local text, diags = on_rcar('  env = { PATH = prepend { "/first", "/second" } },\n')
      assert.are.equal("", diags)
      assert.are.equal(h.edit(rcar(),
        "    [+keeplinked module=qvm] PATH=/proc/boot:/sbin:/bin:/usr/bin:/opt/bin/sbin:/usr/sbin LD_LIBRARY_PATH=/proc/boot:/lib:/usr/lib:/lib/dll:/opt/lib procnto-smp-instr -ae -v",
        "    [+keeplinked module=qvm] PATH=/first:/second:/proc/boot:/sbin:/bin:/usr/bin:/opt/bin/sbin:/usr/sbin LD_LIBRARY_PATH=/proc/boot:/lib:/usr/lib:/lib/dll:/opt/lib procnto-smp-instr -ae -v"), text)
    end)

    it("remove drops equal elements of the inherited list", function()
      local text, diags = on_rcar('  startup = remove { "-W", "-nothere" },\n')
      assert.are.equal("", diags)
      assert.are.equal(h.edit(rcar(), STARTUP, "    [+keeplinked] startup-rcar_h3 -P1 -vv"), text)
    end)

    it("remove drops a table element by its first item", function()
      local text, diags = on_rcar('  script = remove { "ksh", { "slogger2", bg = true } },\n')
      assert.are.equal("", diags)
      assert.are.equal(h.edit(h.edit(rcar(), "    [+session] ksh &"), "    slogger2 &"), text)
    end)

    it("a plain list replaces the inherited list but keeps its keys", function()
      local text, diags = on_rcar('  startup = { "startup-other" },\n')
      assert.are.equal("", diags)
      assert.are.equal(h.edit(rcar(), STARTUP, "    [+keeplinked] startup-other"), text)
    end)

    it("delete removes a key of a table", function()
      local text, diags = on_rcar('  attributes = { gid = delete },\n  files = { ["/tmp"] = delete },\n')
      assert.are.equal("", diags)
      assert.are.equal(h.edit(h.edit(rcar(), "[uid=0 gid=0]", "[uid=0]"), "[type=link] /tmp=/dev/shmem"), text)
    end)

    it("delete also ends a default defined below it", function()
      local text, diags = on_rcar('  env = { LD_LIBRARY_PATH = delete },\n')
      assert.are.equal("", diags)
      assert.are.equal(h.edit(rcar(),
        "    [+keeplinked module=qvm] PATH=/proc/boot:/sbin:/bin:/usr/bin:/opt/bin/sbin:/usr/sbin LD_LIBRARY_PATH=/proc/boot:/lib:/usr/lib:/lib/dll:/opt/lib procnto-smp-instr -ae -v",
        "    [+keeplinked module=qvm] PATH=/proc/boot:/sbin:/bin:/usr/bin:/opt/bin/sbin:/usr/sbin procnto-smp-instr -ae -v"), text)
    end)

    it("a deleted key may be defined again by a later layer", function()
      h.write_file(dir, "x.lua", h.BASE .. [[
fragment "mid" {
  include = { "base" },
  files = { ["/etc/motd"] = { contents = "hi\n" }, ksh = delete },
}
board "x" {
  include = { "mid" },
  files = { ["/etc/motd"] = delete },
}
board "y" {
  include = { "x" },
  files = { ["/etc/motd"] = "motd.txt" },
}
]])
      local text, diags = h.render("y", dir)
      assert.are.equal("", diags)
      assert.are.equal(h.base_text("y", { dir .. "/x.lua" }) .. "\n/etc/motd=motd.txt\n", text)
    end)

    it("default fills in a value nobody defines", function()
      local text, diags = on_rcar('  attributes = { perms = default "0755" },\n')
      assert.are.equal("", diags)
      assert.are.equal(h.edit(rcar(), "[uid=0 gid=0]", "[uid=0 gid=0 perms=0755]"), text)
    end)

    it("default loses to a plain value even from a lower layer", function()
      local text, diags = on_rcar('  image = { compress = default(false), base = default(0x1000) },\n')
      assert.are.equal("", diags)
      assert.are.equal(rcar(), text)
    end)

    it("force wins over a plain value of a higher layer", function()
      h.write_file(dir, "x.lua", 'fragment "pin" {\n  image = { base = force(0x1000) },\n}\n'
        .. 'board "x" {\n  include = { "rcar_h3", "pin" },\n  image = { base = 0x2000 },\n}\n')
      local text, diags = h.render("x", dir)
      assert.are.equal("", diags)
      assert.are.equal(h.edit(rcar(), "[image=0x40100000]", "[image=0x1000]"), text)
    end)

    it("force of a list replaces the inherited list", function()
      local text, diags = on_rcar('  startup = force { "startup-other" },\n')
      assert.are.equal("", diags)
      assert.are.equal(h.edit(rcar(), STARTUP, "    [+keeplinked] startup-other"), text)
    end)

    describe("misused", function()
      it("append of a string is an error at 'append'", function()
        local text, diags = on_rcar('  startup = append "x",\n')
        assert.is_nil(text)
        assert.are.equal(dir .. "/x.lua:3:13: error: append expects a list, as in append { ... }\n", diags)
      end)

      it("remove of a string is an error at 'remove'", function()
        local _, diags = on_rcar('  startup = remove "a",\n')
        assert.are.equal(dir .. "/x.lua:3:13: error: remove expects a list, as in remove { ... }\n", diags)
      end)

      it("default() without a value is an error at 'default'", function()
        local _, diags = on_rcar('  image = default(),\n')
        assert.are.equal(dir .. "/x.lua:3:11: error: default() needs a value\n", diags)
      end)

      it("append of a table with keys is an error at the field", function()
        local text, diags = on_rcar('  startup = append { k = 1 },\n')
        assert.is_nil(text)
        assert.are.equal(dir .. "/x.lua:3:3: error: append expects a list, but has the key 'k'\n", h.file_diags(diags, dir))
      end)

      it("delete inside a list is an error at the element", function()
        local text, diags = on_rcar('  startup = { "a", delete },\n')
        assert.is_nil(text)
        assert.are.equal(dir .. "/x.lua:3:20: error: 'delete' removes a key of a table; it cannot stand in a list\n",
          h.file_diags(diags, dir))
      end)

      it("append inside a list is an error at the element", function()
        local _, diags = on_rcar('  startup = { "a", append { "b" } },\n')
        assert.are.equal(dir .. "/x.lua:3:20: error: append{...} applies to a field; it cannot stand inside a list\n",
          h.file_diags(diags, dir))
      end)

      it("a function as a field value is an error naming the field path", function()
        local text, diags = on_rcar('  image = { base = function() end },\n')
        assert.is_nil(text)
        assert.are.equal(dir .. "/x.lua:3:13: error: 'image.base' is a function, which is not a recipe value\n",
          h.file_diags(diags, dir))
      end)

      it("a function deep in a list is an error naming the whole path", function()
        local _, diags = on_rcar('  script = { "a", { "b", env = { X = function() end } } },\n')
        assert.are.equal(dir .. "/x.lua:3:34: error: 'script.2.env.X' is a function, which is not a recipe value\n",
          h.file_diags(diags, dir))
      end)

      it("a nil inside a list is an error at the hole", function()
        local _, diags = on_rcar('  startup = { "a", nil, "b" },\n')
        assert.are.equal(dir .. "/x.lua:3:20: error: 'startup.2' is nil inside a list\n", h.file_diags(diags, dir))
      end)

      it("report only the value error, without a second error claiming the board does not exist", function()
        local _, diags = on_rcar('  startup = append { k = 1 },\n')
        assert.are.equal(dir .. "/x.lua:3:3: error: append expects a list, but has the key 'k'\n", diags)
      end)

      it("append to a scalar is an error with a note where the scalar is set", function()
        local text, diags = on_rcar('  image = { base = append { 1 } },\n')
        assert.is_nil(text)
        assert.are.equal(dir .. "/x.lua:3:13: error: append{...} applies to a list, but 'image.base' is an integer\n"
          .. "boards/rcar_h3.lua:" .. h.position_in("boards/rcar_h3.lua", "base = 0x40100000") .. ": note: 'image.base' is set here\n", diags)
      end)

      it("append to a scalar says 'an integer', in correct English", function()
        local _, diags = on_rcar('  image = { base = append { 1 } },\n')
        assert.are.equal(dir .. "/x.lua:3:13: error: append{...} applies to a list, but 'image.base' is an integer\n"
          .. "boards/rcar_h3.lua:" .. h.position_in("boards/rcar_h3.lua", "base = 0x40100000") .. ": note: 'image.base' is set here\n", diags)
      end)
    end)
  end)

  describe("--set", function()
    it("overrides a field last and is listed in the header", function()
      local sets = { "image.base=0x80000000" }
      local text, diags = on_rcar("", sets)
      assert.are.equal("", diags)
      assert.are.equal(h.edit(rcar(sets), "[image=0x40100000]", "[image=0x80000000]"), text)
    end)

    it("takes a value operation as a Lua expression", function()
      local sets = { 'script=append{"display_msg hi"}' }
      local text, diags = on_rcar("", sets)
      assert.are.equal("", diags)
      assert.are.equal(h.edit(rcar(sets), "    [+session] ksh &", "    [+session] ksh &\n    display_msg hi"), text)
    end)

    it("applies several options in order, the later on top", function()
      local sets = { 'startup=append{"-a"}', 'startup=append{"-b"}', "image.base=0x1", "image.base=0x2" }
      local text, diags = on_rcar("", sets)
      assert.are.equal("", diags)
      assert.are.equal(h.edit(h.edit(rcar(sets), STARTUP, STARTUP .. " -a -b"), "[image=0x40100000]", "[image=0x2]"), text)
    end)

    it("falls back to a string when the value is not a Lua expression", function()
      local sets = { "image.scriptname=my script" }
      local text, diags = on_rcar("", sets)
      assert.are.equal("", diags)
      assert.are.equal(h.edit(rcar(sets), "[+script] startup-script = {", '[+script] "my script" = {'), text)
    end)

    it("falls back to a string when the value names an undefined global", function()
      local sets = { "image.format=elf" }
      local text, diags = on_rcar("", sets)
      assert.are.equal("", diags)
      assert.are.equal(h.edit(rcar(sets), "[virtual=aarch64le,raw] boot = {", "[virtual=aarch64le,elf] boot = {"), text)
    end)

    it("runs its expression sandboxed: os.exit() stays a string and fails the schema", function()
      local text, diags = on_rcar("", { "image.base=os.exit()" })
      assert.is_nil(text)
      assert.are.equal("--set image.base=os.exit(): error: 'image.base' must be an address (an integer, or a string such as \"20m\"), got \"os.exit()\"\n", diags)
    end)

    it("loses to a force() in a recipe", function()
      h.write_file(dir, "x.lua", 'board "x" {\n  include = { "rcar_h3" },\n  image = { base = force(0x1000) },\n}\n')
      local sets = { "image.base=0x80000000" }
      local text, diags = h.render("x", dir, sets)
      assert.are.equal("", diags)
      assert.are.equal(h.edit(rcar(sets), "[image=0x40100000]", "[image=0x1000]"), text)
    end)

    it("names an unknown field with the --set option as its place", function()
      local _, diags = on_rcar("", { "imag.base=1" })
      assert.are.equal("--set imag.base=1: error: unknown field 'imag' in board 'x'; did you mean 'image'?\n", diags)
    end)

    it("refuses an option without '=' with a message instead of crashing", function()
      local ok, text, diags = pcall(on_rcar, "", { "noequals" })
      local msg = ok and diags or text
      assert.is_false(ok)
      assert.is_truthy(msg:find("set: expected PATH=VALUE with a dotted PATH, got 'noequals'", 1, true))
    end)
  end)

  describe("syntax errors", function()
    it("point at the token after a missing comma", function()
      local text, diags = run("x", 'board "x" {\n  arch = "aarch64le"\n  image = { format = "raw" },\n}\n')
      assert.is_nil(text)
      assert.are.equal(dir .. "/x.lua:3:3: error: '}' expected (to close '{' at line 1) near 'image'\n", diags)
    end)

    it("point at the second string of a missing comma on one line", function()
      local _, diags = run("x", 'board "x" {\n  startup = { "startup", "-v" "-x" },\n}\n')
      assert.are.equal(dir .. "/x.lua:2:31: error: '}' expected near '\"-x\"'\n", diags)
    end)

    it("point at a key after a missing comma inside a nested table", function()
      local _, diags = run("x", 'board "x" {\n  image = { format = "raw" base = 1 },\n}\n')
      assert.are.equal(dir .. "/x.lua:2:28: error: '}' expected near 'base'\n", diags)
    end)

    it("point at the start of the last line for an unexpected end of file", function()
      local _, diags = run("x", 'board "x" {\n  arch = "aarch64le",\n')
      assert.are.equal(dir .. "/x.lua:3:1: error: unexpected symbol near <eof>\n", diags)
    end)

    it("point at an unfinished string", function()
      local _, diags = run("x", 'local x = "abc\n')
      assert.are.equal(dir .. "/x.lua:1:11: error: unfinished string near '\"abc'\n", diags)
    end)

    it("point at a malformed number", function()
      local _, diags = run("x", "local x = 0x\n")
      assert.are.equal(dir .. "/x.lua:1:11: error: malformed number near '0x'\n", diags)
    end)

    it("point at the offending '{', not at an earlier '{' on the line", function()
      local _, diags = run("x", 'board "x" {\n  script = { { "a" } { "b" } },\n}\n')
      assert.are.equal(dir .. "/x.lua:2:22: error: '}' expected near '{'\n", diags)
    end)

    it("point at the offending string, not at an equal string earlier on the line", function()
      local _, diags = run("x", 'board "x" {\n  startup = { "-v", "-v" "-v" },\n}\n')
      assert.are.equal(dir .. "/x.lua:2:26: error: '}' expected near '\"-v\"'\n", diags)
    end)

    it("point at the second '=' of '= ='", function()
      local _, diags = run("x", "local x = = 1\n")
      assert.are.equal(dir .. "/x.lua:1:11: error: unexpected symbol near '='\n", diags)
    end)
  end)
end)
