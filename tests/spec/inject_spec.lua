-- Injection (issue 15, item 5): every string a recipe gives, rendered into
-- a buildfile or a .qvmconf, reads back as exactly that string, or the
-- recipe is refused at the line that gives it. The spec walks lua/schema.lua
-- itself, so that a field added to the schema is tried too: every string of
-- a board, of a guest (its image included) and of every option of every vdev
-- type, as a field, a list element, a map key and a map value.
--
-- Each string position ("hole") is filled through the real core
-- (mkbuildfile_core.render), in a recipe that builds on a shipped one:
--  - with a benign word (MARK), which must render: the hole is a real one;
--  - with each hostile value below. Either the render fails and every error
--    is at the recipe line that holds the value, or it succeeds and each
--    rendered file, read back by the command line's own readers
--    (mkbuildfile_core.parse, as lint and import read it), gives the model
--    of the benign render with MARK replaced by the hostile value: nothing
--    added, nothing lost, nothing cut.
-- A raw script line (a string of the script) is mkifs text, not a word: it
-- reads back as the words mkifs makes of it (split_line below).
local h = require "spec.helpers"

local schema = dofile(h.ROOT .. "/lua/schema.lua")
local core = h.core

local MARK = "mkbZq"

-- The hostile values: line breaks and ESC (which must never reach a file
-- unescaped), the characters mkifs and qvm give a meaning (quotes,
-- backslash, braces, brackets, comment, '=', '&', ${}, ':' of joined
-- lists, blanks), and words that mean something on their own.
local HOSTILE = {
  { "newline", MARK .. "\n}\n[+raw] /proc/boot/evil=/etc/shadow" },
  { "ESC", MARK .. "\27[2J" },
  { "specials", MARK .. ' a}b"c\\d]e[f#g=h{i&j${k}l:m' },
  { "brace", "{" },
  { "close", "}" },
  { "ampersand", "&" },
  { "comment", "#" .. MARK },
  { "empty", "" },
  { "keyword", "vdev" },
  { "trailing backslash", MARK .. "\\" },
}

-- ---- the holes ------------------------------------------------------------

-- Values a record needs besides the hole, by its path (a list element is
-- []): what a newly written record must hold to be valid, each { the
-- fields it stands for (false: a list element; "items": the list part),
-- text }. It is left out when the hole fills one of those fields: the
-- fields of a choice (a disk's backing) stand for each other.
local BACKING = { "file", "device", "ram", "loopback" }
local NEEDS = {
  ["startup"] = { { false, '"startup-rcar_h3"' } },   -- a bootstrap's first program
  ["script[]"] = { { false, '"display_msg"' } },      -- a script record's command
  ["load[]"] = { { "items", '"/vm/images/x"' } },     -- the file a load record loads
  ["logger[]"] = { { "dest", 'dest = "stdout"' } },
  ["pass[]"] = { { { "loc", "device" }, 'loc = "0x1c0e0000,0x1000,rw"' } },
  ["pci"] = { { "hw_module", 'hw_module = "pci_hw-Intel_x86.so"' } },
  ["smmu"] = { { "type", 'type = "rcar3"' }, { "config", 'config = "/etc/rcar3.smmu"' } },
  ["vdevs.virtio-blk.disk"] = { { BACKING, 'ram = "16M"' } },
}

-- The name of the entry a hole in a map's value is written under, where
-- "k" is not a valid one.
local MAPKEY = { ["data_partition.files"] = '["/k"]', ["partition_files"] = '["/k"]' }

-- The needs of the record at path for a hole in field name (nil: in its
-- list part), as text before the hole.
local function needs_for(path, name)
  local out = {}
  for _, n in ipairs(NEEDS[path] or {}) do
    local stands = type(n[1]) == "table" and n[1] or { n[1] }
    local filled = false
    for _, f in ipairs(stands) do filled = filled or f == name or (f == "items" and name == nil) end
    if not filled then out[#out + 1] = n[2] .. ", " end
  end
  return table.concat(out)
end

-- How the value stands in its field, by path: a raw script line is a line
-- of mkifs text (its value is a command and the value); log takes FILTERS
-- DEST; the contents of an inline file end in a line break, since its
-- closing brace stands on a line of its own (mkifs-buildfile.md §3.3). The
-- value read back is the template's too.
local TEMPLATE = {
  ["files.k.contents"] = "%s\n",
  -- a file of the data partition: below its mount
  ["data_partition.files{key}"] = "/%s", ["partition_files{key}"] = "/%s",
  -- the loc of a vdev on I/O ports, written with its space as the shipped
  -- PC guests do (the reader adds io: to a bare one)
  ["vdevs.8259.loc"] = "io:%s", ["vdevs.pckeyboard.loc"] = "io:%s", ["vdevs.wdt-ib700.loc"] = "io:%s",
  ["script[]"] = "display_msg %s",
  ["ifs.script[]"] = "display_msg %s",
  ["vdevs.*.log"] = "%s stdout",
}

-- Fields whose value the core checks against a form or a reference (a
-- recipe name, a device of the board, an interrupt "PIC:N"): a plain word
-- is refused there too, at the line of the value, and so must every
-- hostile one be.
local CHECKED = {
  ["include[]"] = true, ["guests[]"] = true, ["pass[]"] = true, ["pass[].intr"] = true,
  ["pass[].device"] = true, ["hypervisor.vdevs[]"] = true,
  ["vdevs.*.to.guest"] = true, ["vdevs.*.to.nic"] = true, ["vdevs.*.to.bridge"] = true,
  ["vdevs.*.intr"] = true, ["vdevs.*.intr[]"] = true,
}

-- A valid value of a map's entries, for a hole in a key.
local function sample(t)
  if t.type == "oneof" then return sample(t.types[1]) end
  if t.type == "string" then return '"v"' end
  if t.type == "boolean" then return "true" end
  if t.type == "integer" then return "1" end
  if t.type == "list" then return "{ " .. sample(t.of) .. " }" end
  if t.type == "record" or t.type == "map" then return "{ }" end
  if t.type == "vdev" then return '{ "virtio-entropy" }' end
  error("no sample of a " .. t.type)
end

-- The key of path in the tables above: a vdev type is *.
local function generic(path) return (path:gsub("^vdevs%.[^.]+", "vdevs.*")) end

local holes = {}

local function hole(ctx, path, wrap)
  local g = generic(path)
  holes[#holes + 1] = { ctx = ctx, path = path, wrap = wrap, template = TEMPLATE[path] or TEMPLATE[g] or "%s",
                        checked = CHECKED[g] }
end

local walk

-- The fields of a record t at path, each through wrap. A list of fields
-- the schema shares (the attributes of an entry in a command and in a file;
-- startup and kernel; a board's image fields in a guest's image) is walked
-- where it is first met: its fields are written by the same code wherever
-- it stands.
local walked = {}
local function walk_record(ctx, t, path, wrap)
  local key = t.fields or t
  walked[key] = walked[key] or {}
  local seen = walked[key]
  for _, f in ipairs(t.fields or {}) do
    local p = path == "" and f.name or path .. "." .. f.name
    if not seen[f] then
      seen[f] = true
      local c = f.qnx and f.qnx[1] == "8.0" and ctx.qnx80 or ctx
      local needs = needs_for(path, f.name)
      walk(c, f, p, function(x) return wrap("{ " .. needs .. f.name .. " = " .. x .. " }") end)
    end
  end
  if t.items and not seen.items then
    seen.items = true
    local needs = needs_for(path, nil)
    walk(ctx, t.items, path .. "[]", function(x) return wrap("{ " .. needs .. x .. " }") end)
  end
end

-- Every string position of type t at path; wrap(x) is the recipe text of
-- the top-level field holding the value x there. A list is appended to:
-- the recipe's base may have one there.
function walk(ctx, t, path, wrap)
  local kind = t.type
  if kind == "string" then
    hole(ctx, path, wrap)
  elseif kind == "oneof" then
    for _, alt in ipairs(t.types) do walk(ctx, alt, path, wrap) end
  elseif kind == "list" then
    walk(ctx, t.of, path .. "[]", function(x) return wrap("append { " .. x .. " }") end)
  elseif kind == "map" then
    hole(ctx, path .. "{key}", function(x) return wrap("{ [" .. x .. "] = " .. sample(t.of) .. " }") end)
    local key = MAPKEY[path] or "k"
    walk(ctx, t.of, path .. ".k", function(x) return wrap("{ " .. key .. " = " .. x .. " }") end)
  elseif kind == "record" then
    walk_record(ctx, t, path, wrap)
  end  -- a vdev: its options are walked by type below
end

-- The recipes the holes are written in: the hole on line 3 of x.lua. A
-- board builds on rcar_h3 (QNX 7.1); a guest on qnx-aarch64 runs on it, or
-- on rpi4 (QNX 8.0) for the fields of 8.0, and an x86 guest on linux-x86_64
-- runs on x86_64.
local function guest_ctx(base, board, guest_more, board_more)
  return {
    recipe = function(field)
      return 'guest "g" {\n  include = { "' .. base .. '" },\n  ' .. field .. ",\n"
        .. (guest_more or "") .. "}\n"
        .. 'board "t" { include = { "' .. board .. '" }, guests = { "g" }' .. (board_more or "") .. " }\n"
    end,
  }
end
local CTX = {
  board = {
    recipe = function(field) return 'board "t" {\n  include = { "rcar_h3" },\n  ' .. field .. ",\n}\n" end,
  },
  guest = guest_ctx("qnx-aarch64", "rcar_h3"),
  x86 = guest_ctx("linux-x86_64", "x86_64"),
}
CTX.guest.qnx80 = guest_ctx("qnx-aarch64", "rpi4")
CTX.board.qnx80 = CTX.board
CTX.x86.qnx80 = CTX.x86
-- a guest on the board's data partition
CTX.partition = guest_ctx("qnx-aarch64", "rcar_h3", "  partition = true,\n", ", data_partition = { }")
CTX.partition.qnx80 = CTX.partition

-- include is how the hole's recipe builds on its base, not a value: the
-- names it holds are recipe names (hostile_spec.lua tries those).
for _, f in ipairs(schema.board.fields) do
  if f.name ~= "include" then walk(CTX.board, f, f.name, function(x) return f.name .. " = " .. x end) end
end
for _, f in ipairs(schema.guest.fields) do
  local ctx = f.name == "partition_files" and CTX.partition or CTX.guest
  if f.name ~= "include" then walk(ctx, f, f.name, function(x) return f.name .. " = " .. x end) end
end

-- What a vdev needs to be valid on its own, by type: a free place and a
-- free interrupt where the guests of CTX have none (a vdev that may be
-- memory-mapped gets both, so that its loc alone does not want an intr), a
-- peer.
local VDEV_NEEDS = {
  aarch64le = { { "loc", "loc = 0x1c0e0000" }, { "intr", 'intr = "gic:50"' } },
  x86_64 = { { "loc", "loc = 0xfe000000" }, { "intr", 'intr = "myioapic:11"' } },
}
for _, vt in ipairs(schema.vdevs) do
  local arch = vt.arch[1]
  local ctx = arch == "x86_64" and CTX.x86 or CTX.guest
  local needs = {}
  for _, n in ipairs(vt.bus and VDEV_NEEDS[arch] or {}) do needs[#needs + 1] = n end
  if vt.name == "virtio-net" then
    needs[#needs + 1] = { { "peer", "to" }, 'peer = "/dev/vdevpeers/vp9"' }
    needs[#needs + 1] = { "name", 'name = "n9"' }
  end
  NEEDS["vdevs." .. vt.name] = needs
  local fields = {}
  for _, f in ipairs(schema.vdev_common) do fields[#fields + 1] = f end
  for _, f in ipairs(vt.fields) do fields[#fields + 1] = f end
  -- x is "{ NEEDS option = VALUE }": the type goes first.
  walk_record(ctx, { fields = fields }, "vdevs." .. vt.name, function(x)
    return 'vdevs = { tst = { "' .. vt.name .. '", ' .. x:sub(3) .. " }"
  end)
end

-- ---- reading back ---------------------------------------------------------

-- The files of a render read back: { path = model }, and the diagnostics
-- of the readers.
local function read_back(files)
  return core.parse(files)
end

-- v with every MARK replaced by to, in strings and keys.
local function replace(v, to)
  if type(v) == "string" then
    local out = v:gsub(MARK, function() return to end)
    return out
  end
  if type(v) ~= "table" then return v end
  local t = {}
  for k, x in pairs(v) do t[replace(k, to)] = replace(x, to) end
  return t
end

-- The first difference of a and b, as a path, or nil when they are equal.
local function differ(a, b, path)
  if type(a) ~= type(b) then
    return path .. ": " .. type(a) .. " " .. tostring(a) .. " vs " .. type(b) .. " " .. tostring(b)
  end
  if type(a) ~= "table" then
    if a ~= b then return path .. ": " .. string.format("%q vs %q", tostring(a), tostring(b)) end
    return nil
  end
  for k, x in pairs(a) do
    local d = differ(x, b[k], path .. "." .. tostring(k))
    if d then return d end
  end
  for k, x in pairs(b) do
    if a[k] == nil then return path .. "." .. tostring(k) .. ": only in the second: " .. tostring(x) end
  end
  return nil
end

-- The words mkifs makes of a script line (mkifs-buildfile.md §2, §5): blanks
-- split them, '#' at the start of a word ends the line, a double quote
-- toggles quoting, a backslash takes the next byte; a last word '&' runs
-- the command in the background. (The line of the render is not quoted: this
-- is what the line as written means.)
local function split_line(s)
  local words, w, inq, i, quoted = {}, nil, false, 1, false
  local function flush()
    if w then words[#words + 1] = { w, quoted } end
    w, quoted = nil, false
  end
  while i <= #s do
    local c = s:sub(i, i)
    if not inq and (c == " " or c == "\t") then
      flush()
    elseif not inq and c == "#" and w == nil then
      break
    elseif c == '"' then
      inq, quoted, w = not inq, true, w or ""
    elseif c == "\\" and i < #s then
      i = i + 1
      w = (w or "") .. s:sub(i, i)
    else
      w = (w or "") .. c
    end
    i = i + 1
  end
  flush()
  local r = {}
  for k, x in ipairs(words) do
    if k == #words and x[1] == "&" and not x[2] then r.bg = true else r[#r + 1] = x[1] end
  end
  return r
end

-- A path list (a variable's value, search=) is one value joined with ':'
-- in the file, whichever way the recipe wrote it: a list element holding
-- ':' reads back as two, a string holding one as a list. Both models
-- compare joined.
local function joined(v, key)
  -- a MAC the core derives from a vdev's name differs with the name
  if type(v) == "string" then return (v:gsub("mac=02%x+", "mac=DERIVED")) end
  if type(v) ~= "table" then return v end
  if key == "search" or key == "env_value" then
    local all = true
    for k, x in pairs(v) do all = all and type(k) == "number" and type(x) == "string" end
    if all then return table.concat(v, ":") end
  end
  local t = {}
  for k, x in pairs(v) do t[k] = joined(x, key == "env" and "env_value" or k) end
  return t
end

-- The models of the hostile render expected from the benign one. A raw
-- script line is replaced by its words.
local function expected(benign, value, x)
  local want = replace(benign, value)
  if x.path:match("script%[%]$") then
    local file = x.path == "script[]" and "t.build" or "guests/g/g.build"
    local script, plain = want[file].script, split_line(x.template:format(MARK))
    for i, l in ipairs(benign[file].script) do
      if differ(l, plain, "") == nil then script[i] = split_line(x.template:format(value)) end
    end
  end
  return joined(want)
end

-- ---- the runs -------------------------------------------------------------

local dir

-- Renders board t of the recipe with field; text, diagnostics, files.
local function render(ctx, field)
  h.write_file(dir, "x.lua", ctx.recipe(field))
  return core.render("t", { include = { dir } })
end

-- The errors of diags that are not at line 3 of x.lua (where the hole is).
-- A run-level line (a recipe file that did not load leaves its board "not a
-- recipe") follows a located error and is not one.
local function misplaced(diags)
  local out = {}
  for line in diags:gmatch("[^\n]+") do
    if line:find(": error: ", 1, true) and line:sub(1, #dir + 9) ~= dir .. "/x.lua:3:"
        and line:sub(1, 12) ~= "mkbuildfile:" then
      out[#out + 1] = line
    end
  end
  return table.concat(out, "\n")
end

local function lua_string(s) return string.format("%q", s):gsub("\\\n", "\\n") end

describe("a string a recipe gives", function()
  setup(function() dir = h.tmpdir() end)
  teardown(function() h.rmtree(dir) end)

  it("has holes to fill in every part of the schema", function()
    local seen = {}
    for _, x in ipairs(holes) do seen[x.path] = true end
    for _, want in ipairs { "description", "script[]", "script[].env{key}", "files{key}",
                            "files.k", "env{key}", "set{key}", "pass[].loc", "ifs.script[]",
                            "vdevs.pl011.log", "vdevs.pl011.set{key}", "vdevs.virtio-net.peer",
                            "vdevs.ioapic.name", "vdevs.shmem.create[]", "cpu[].cluster" } do
      assert.is_true(seen[want], want)
    end
    assert.is_true(#holes > 150, "only " .. #holes .. " holes")
  end)

  for _, x in ipairs(holes) do
    local line_of = function(v) return lua_string(x.template:format(v)) end
    describe(x.path, function()
      local benign
      it(x.checked and "refuses a plain word at its line" or "renders with a plain word", function()
        local text, diags, files = render(x.ctx, x.wrap(line_of(MARK)))
        if x.checked then
          assert.is_nil(text)
          assert.are.equal("", misplaced(diags))
          benign = "refused"
          return
        end
        assert(text, "the hole " .. x.path .. " does not render with a plain word:\n" .. diags
          .. "\n" .. x.ctx.recipe(x.wrap(line_of(MARK))))
        local models, errs = read_back(files)
        assert.are.equal("", errs)
        benign = models
      end)
      for _, hv in ipairs(HOSTILE) do
        local name, v = hv[1], hv[2]
        it("with " .. name .. " reads back the same or is refused at its line", function()
          assert(benign, "no benign render to compare with")
          local text, diags, files = render(x.ctx, x.wrap(line_of(v)))
          if text == nil or benign == "refused" then
            assert.is_nil(text)
            assert.are.equal("", misplaced(diags))
            assert.is_truthy(diags:find(dir .. "/x.lua:3:", 1, true), diags)
            return
          end
          local models, errs = read_back(files)
          assert.are.equal("", errs)
          local d = differ(joined(models), expected(benign, v, x), "")
          assert(d == nil, "rendered, but reads back otherwise: " .. tostring(d))
        end)
      end
    end)
  end
end)
