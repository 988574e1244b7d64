-- SPDX-License-Identifier: MIT
-- `show BOARD --json` follows doc/json.md exactly: a small JSON decoder, a
-- validator that knows every documented member and its type (and nothing
-- else), run on the shipped boards and the example family, plus values
-- checked against the recipes and a validator that is shown to reject.

local h = require "spec.helpers"

local ROOT = h.ROOT

local BIN = h.bin()

local function shq(s) return "'" .. s:gsub("'", "'\\''") .. "'" end

-- Runs the binary in dir with args (a string of shell words); returns its
-- stdout and exit code.
local function run(dir, args)
  local p = assert(io.popen("cd " .. shq(dir) .. " && " .. shq(BIN) .. " " .. args .. " 2>/dev/null"))
  local out = p:read("a")
  local _, _, code = p:close()
  return out, code
end

---------------------------------------------------------------------------
-- JSON decoder. Objects keep their member order and reject duplicate names;
-- null is a sentinel; integers (no fraction, no exponent) stay integers.

local NULL = setmetatable({}, { __tostring = function() return "null" end })

local function decode(text)
  local pos = 1
  local function err(msg) error(("JSON: %s at byte %d"):format(msg, pos), 0) end
  local function ws() pos = text:find("[^ \t\r\n]", pos) or #text + 1 end
  local value
  local function str()
    pos = pos + 1  -- the opening quote
    local out = {}
    while true do
      local c = text:sub(pos, pos)
      if c == "" then err("unterminated string") end
      if c == '"' then
        pos = pos + 1
        return table.concat(out)
      end
      if c:byte() < 0x20 then err("control character in a string") end
      if c == "\\" then
        local e = text:sub(pos + 1, pos + 1)
        local simple = { ['"'] = '"', ["\\"] = "\\", ["/"] = "/", b = "\b", f = "\f", n = "\n",
                         r = "\r", t = "\t" }
        if simple[e] then
          out[#out + 1] = simple[e]
          pos = pos + 2
        elseif e == "u" then
          local hex = text:sub(pos + 2, pos + 5)
          if not hex:match("^%x%x%x%x$") then err("bad \\u escape") end
          local cp = tonumber(hex, 16)
          pos = pos + 6
          if cp >= 0xD800 and cp <= 0xDBFF then
            local lo = text:match("^\\u(%x%x%x%x)", pos)
            if not lo then err("lone surrogate") end
            cp = 0x10000 + ((cp - 0xD800) << 10) + (tonumber(lo, 16) - 0xDC00)
            pos = pos + 6
          elseif cp >= 0xDC00 and cp <= 0xDFFF then
            err("lone surrogate")
          end
          out[#out + 1] = utf8.char(cp)
        else
          err("bad escape")
        end
      else
        local run_end = text:find('["\\%c]', pos) or #text + 1
        out[#out + 1] = text:sub(pos, run_end - 1)
        pos = run_end
      end
    end
  end
  local function num()
    -- -? (0 | [1-9] digits) (. digits)? ([eE] [+-]? digits)?
    local s = text:match("^-?%d[%d.eE+-]*", pos) or err("bad number")
    local i = s:match("^-?0()") or s:match("^-?[1-9]%d*()")
    local j = i and (s:match("^%.%d+()", i) or i)
    local k = j and (s:match("^[eE][-+]?%d+()", j) or j)
    if k ~= #s + 1 then err("bad number") end
    pos = pos + #s
    if j == i and k == j then return math.tointeger(tonumber(s)) or err("integer out of range") end
    return tonumber(s) + 0.0
  end
  function value()
    ws()
    local c = text:sub(pos, pos)
    if c == "{" then
      pos = pos + 1
      local obj = { names = {}, map = {} }
      ws()
      if text:sub(pos, pos) == "}" then
        pos = pos + 1
        return obj
      end
      while true do
        ws()
        if text:sub(pos, pos) ~= '"' then err("expected a member name") end
        local k = str()
        if obj.map[k] ~= nil then err("duplicate member '" .. k .. "'") end
        ws()
        if text:sub(pos, pos) ~= ":" then err("expected ':'") end
        pos = pos + 1
        obj.names[#obj.names + 1] = k
        obj.map[k] = value()
        ws()
        local d = text:sub(pos, pos)
        pos = pos + 1
        if d == "}" then return obj end
        if d ~= "," then err("expected ',' or '}'") end
      end
    elseif c == "[" then
      pos = pos + 1
      local arr = { items = {} }
      ws()
      if text:sub(pos, pos) == "]" then
        pos = pos + 1
        return arr
      end
      while true do
        arr.items[#arr.items + 1] = value()
        ws()
        local d = text:sub(pos, pos)
        pos = pos + 1
        if d == "]" then return arr end
        if d ~= "," then err("expected ',' or ']'") end
      end
    elseif c == '"' then
      return str()
    elseif text:sub(pos, pos + 3) == "true" then
      pos = pos + 4
      return true
    elseif text:sub(pos, pos + 4) == "false" then
      pos = pos + 5
      return false
    elseif text:sub(pos, pos + 3) == "null" then
      pos = pos + 4
      return NULL
    elseif c:match("[-%d]") then
      return num()
    end
    err("unexpected '" .. c .. "'")
  end
  local v = value()
  ws()
  if pos <= #text then err("trailing text") end
  return v
end

local function is_obj(v) return type(v) == "table" and v.map ~= nil end
local function is_arr(v) return type(v) == "table" and v.items ~= nil end

---------------------------------------------------------------------------
-- The validator: doc/json.md, member by member.

local function fail(path, msg) error(path .. ": " .. msg, 0) end

-- o must be an object with exactly the members `spec` names (name -> checker).
local function exactly(o, path, spec)
  if not is_obj(o) then fail(path, "is not an object") end
  for _, k in ipairs(o.names) do
    if not spec[k] then fail(path, "has the undocumented member '" .. k .. "'") end
  end
  for k, check in pairs(spec) do
    if o.map[k] == nil then fail(path, "lacks the member '" .. k .. "'") end
    check(o.map[k], path .. "." .. k)
  end
end

local function string_(v, path) if type(v) ~= "string" then fail(path, "is not a string") end end
local function integer_(v, path)
  if math.type(v) ~= "integer" then fail(path, "is not an integer") end
end
local function count_(v, path)
  integer_(v, path)
  if v < 0 then fail(path, "is negative") end
end
local function one_of(...)
  local ok = {}
  for _, s in ipairs { ... } do ok[s] = true end
  return function(v, path)
    if not ok[v] then fail(path, "is " .. tostring(v) .. ", not one of the documented values") end
  end
end
local function array_of(check)
  return function(v, path)
    if not is_arr(v) then fail(path, "is not an array") end
    for i, x in ipairs(v.items) do check(x, path .. "[" .. i .. "]") end
  end
end
local function unique_strings(v, path)
  array_of(string_)(v, path)
  local seen = {}
  for _, s in ipairs(v.items) do
    if seen[s] then fail(path, "lists '" .. s .. "' twice") end
    seen[s] = true
  end
end

local DEF = {
  file = string_,
  line = count_,
  column = count_,
  recipe = string_,
  operation = one_of("set", "append", "prepend", "remove", "delete"),
  priority = one_of("default", "plain", "force"),
}

local function prov(v, path)
  if v == NULL then return end
  if not is_obj(v) then fail(path, "is neither a PROV object nor null") end
  if v.map.derived ~= nil then
    local spec = { derived = string_ }
    if #v.names > 1 then
      for k, c in pairs(DEF) do spec[k] = c end
    end
    exactly(v, path, spec)
  else
    exactly(v, path, DEF)
  end
  local is_set = type(v.map.file) == "string" and v.map.file:sub(1, 6) == "--set "
  if is_set and (v.map.line ~= 0 or v.map.column ~= 0) then
    fail(path, "a --set has line and column 0")
  end
  if v.map.file ~= nil and not is_set and v.map.line < 1 then
    fail(path, "a recipe definition has a line")
  end
end

local node

local function field(v, path)
  exactly(v, path, { name = string_, node = function(n, p) node(n, p) end })
end

function node(v, path)
  if not is_obj(v) then fail(path, "is not an object") end
  local t = v.map.type
  if t == "table" then
    exactly(v, path, { type = string_, items = array_of(node), fields = array_of(field),
                       origin = prov })
    local seen = {}
    for i, f in ipairs(v.map.fields.items) do
      local name = f.map.name
      if seen[name] then fail(path .. ".fields[" .. i .. "]", "repeats the name '" .. name .. "'") end
      seen[name] = true
    end
    return
  end
  local value_check = ({
    string = string_,
    integer = integer_,
    number = function(x, p)
      if x ~= NULL and math.type(x) ~= "float" and math.type(x) ~= "integer" then
        fail(p, "is not a number")
      end
    end,
    boolean = function(x, p) if type(x) ~= "boolean" then fail(p, "is not a boolean") end end,
  })[t]
  if not value_check then fail(path .. ".type", "is " .. tostring(t) .. ", not a documented type") end
  exactly(v, path, { type = string_, value = value_check, origin = prov })
end

local function table_node(v, path)
  node(v, path)
  if v.map.type ~= "table" then fail(path, "is not a table") end
end

local function validate(doc)
  exactly(doc, "$", {
    schema_version = function(v, p) if v ~= 1 then fail(p, "is not 1") end end,
    board = string_,
    recipes = unique_strings,
    model = table_node,
    guests = array_of(function(g, p)
      exactly(g, p, { name = string_, recipes = unique_strings, model = table_node })
    end),
    removed = array_of(function(r, p)
      exactly(r, p, { path = string_, why = string_, at = prov })
    end),
  })
  return doc
end

---------------------------------------------------------------------------
-- Lookups in a decoded document.

local function get(n, name)
  assert(n.map.type == "table", "not a table")
  for _, f in ipairs(n.map.fields.items) do
    if f.map.name == name then return f.map.node end
  end
  error("no field '" .. name .. "'")
end

local function show(board, args, dir)
  local out, code = run(dir or ROOT, "show " .. board .. " --json" .. (args or ""))
  assert.are.equal(0, code, "show " .. board .. " --json failed")
  return out, decode(out)
end

local function recipes(doc) return doc.items end

describe("show --json", function()
  it("rcar_h3 follows the documented layout", function()
    local _, doc = show("rcar_h3")
    validate(doc)
    assert.are.equal("rcar_h3", doc.map.board)
    assert.are.same({ "recipes/hypervisor-host.lua", "boards/rcar_h3.lua" }, recipes(doc.map.recipes))
    assert.are.equal(1, #doc.map.guests.items)
    local g = doc.map.guests.items[1]
    assert.are.equal("qnx71", g.map.name)
    assert.are.same({ "recipes/guests/qnx-aarch64.lua", "boards/guests/qnx71.lua" }, recipes(g.map.recipes))
  end)

  it("gives image.base of rcar_h3 as an integer with its recipe line", function()
    local _, doc = show("rcar_h3")
    local base = get(get(doc.map.model, "image"), "base")
    assert.are.equal("integer", base.map.type)
    assert.are.equal(1074790400, base.map.value)
    assert.are.equal("integer", math.type(base.map.value))
    local o = base.map.origin.map
    local line, col = h.position_in("boards/rcar_h3.lua", "base = 0x40100000"):match("(%d+):(%d+)")
    assert.are.same({ "boards/rcar_h3.lua", tonumber(line), tonumber(col), "rcar_h3", "set", "plain" },
                    { o.file, o.line, o.column, o.recipe, o.operation, o.priority })
  end)

  it("marks what the core derived, with its cause", function()
    local _, doc = show("rcar_h3")
    local so = get(get(doc.map.model, "files"), "/lib/dll/vdev-pl011.so")
    assert.are.equal("vdev-pl011.so", so.map.value)
    local o = so.map.origin.map
    assert.are.equal("used by guest 'qnx71', vdev 'console'", o.derived)
    assert.are.equal("recipes/guests/qnx-aarch64.lua", o.file)
    assert.are.equal(tonumber(h.position_in("recipes/guests/qnx-aarch64.lua", '"pl011"'):match("^%d+")), o.line)
    -- a schema default is derived with no definition behind it
    local qnx = get(get(doc.map.model, "hypervisor"), "config_dir")
    assert.are.same({ "derived" }, qnx.map.origin.names)
  end)

  it("x86_64 and its two guests follow the documented layout", function()
    local _, doc = show("x86_64")
    validate(doc)
    assert.are.equal(2, #doc.map.guests.items)
    assert.are.same({ "qnx71-x86", "linux-x86" },
                    { doc.map.guests.items[1].map.name, doc.map.guests.items[2].map.name })
  end)

  it("a family board follows the documented layout", function()
    local _, doc = show("acme-r2-safety-2g", " -I examples/family")
    validate(doc)
    local base = get(get(doc.map.model, "image"), "base")
    assert.are.equal(0x48000000, base.map.value)
    assert.are.equal("examples/family/family.lua", base.map.origin.map.file)
    assert.are.equal(tonumber(h.position_in("examples/family/family.lua", "image      = { base"):match("^%d+")),
                     base.map.origin.map.line)
    -- the appended guest is an element added by append{}
    local guests = get(doc.map.model, "guests")
    local second = guests.map.items.items[2]
    assert.are.equal("acme-linux", second.map.value)
    assert.are.equal("append", second.map.origin.map.operation)
    assert.are.equal(2, #doc.map.guests.items)
  end)

  it("lists what the wiring took out of the host", function()
    local dir = h.tmpdir()
    h.write_file(dir, "pt.lua", [[
guest "spi-guest" { include = { "qnx-aarch64" }, pass = { "spi0" } }
board "pt" { include = { "rpi4" }, guests = { "spi-guest" } }
]])
    local ok, e = pcall(function()
      local _, doc = show("pt", " -I .", dir)
      validate(doc)
      local paths = {}
      for _, r in ipairs(doc.map.removed.items) do
        paths[#paths + 1] = r.map.path
        assert.are.equal("the host driver of device 'spi0', given to guest 'spi-guest'", r.map.why)
        assert.are.equal("pt.lua", r.map.at.map.file)
        assert.are.equal(1, r.map.at.map.line)
      end
      assert.are.same({ "script", "files.spi-bcm2711", "files./etc/system/config/spi/spi.conf" }, paths)
    end)
    h.rmtree(dir)
    assert(ok, e)
  end)

  it("escapes strings so that they decode to the same bytes", function()
    local dir = h.tmpdir()
    local motd = 'quote " backslash \\ newline \n tab \t bell \7 del \127 é'
    h.write_file(dir, "b.lua", ([[
board "b" {
  arch = "aarch64le", image = { format = "raw" },
  startup = { "startup-test" }, kernel = { "procnto-smp-instr" },
  files = { ["/etc/motd"] = { contents = %q }, ["/etc/latin1"] = { contents = "a\255b" } },
}
]]):format(motd))
    local ok, e = pcall(function()
      local text, doc = show("b", " -I .", dir)
      validate(doc)
      local files = get(doc.map.model, "files")
      assert.are.equal(motd, get(get(files, "/etc/motd"), "contents").map.value)
      -- a byte that is not UTF-8 is written as the code point of its number
      assert.truthy(text:find('"a\\u00ffb"', 1, true))
      assert.are.equal("a\u{ff}b", get(get(files, "/etc/latin1"), "contents").map.value)
    end)
    h.rmtree(dir)
    assert(ok, e)
  end)
end)

describe("the validator", function()
  local scalar = '{"type": "integer", "value": 1, "origin": null}'
  local function doc_with(model)
    return '{"schema_version": 1, "board": "b", "recipes": ["b.lua"], "model": ' .. model ..
           ', "guests": [], "removed": []}'
  end
  local function tbl(fields)
    return '{"type": "table", "items": [], "fields": [' .. fields .. '], "origin": null}'
  end

  it("accepts a minimal document", function()
    validate(decode(doc_with(tbl('{"name": "x", "node": ' .. scalar .. '}'))))
  end)

  it("rejects documents that differ from the layout", function()
    local bad = {
      -- an undocumented member on a node
      doc_with(tbl('{"name": "x", "node": {"type": "integer", "value": 1, "origin": null, "extra": 1}}')),
      -- an integer that is not one
      doc_with(tbl('{"name": "x", "node": {"type": "integer", "value": 1.5, "origin": null}}')),
      -- a missing origin
      doc_with(tbl('{"name": "x", "node": {"type": "string", "value": "s"}}')),
      -- an undocumented priority
      doc_with(tbl('{"name": "x", "node": {"type": "string", "value": "s", "origin": ' ..
                   '{"file": "b.lua", "line": 1, "column": 1, "recipe": "b", "operation": "set", "priority": "weak"}}}')),
      -- half a definition beside "derived"
      doc_with(tbl('{"name": "x", "node": {"type": "string", "value": "s", "origin": {"derived": "d", "file": "b.lua"}}}')),
      -- a repeated field name
      doc_with(tbl('{"name": "x", "node": ' .. scalar .. '}, {"name": "x", "node": ' .. scalar .. '}')),
      -- the model is not a table
      doc_with(scalar),
      -- a wrong version
      doc_with(tbl("")):gsub('"schema_version": 1', '"schema_version": 2'),
      -- not JSON at all
      doc_with(tbl("")) .. ",",
    }
    for i, text in ipairs(bad) do
      assert.has_error(function() validate(decode(text)) end, nil, "malformed document " .. i .. " passed")
    end
  end)

  it("rejects a real document with one type changed", function()
    local text = show("rcar_h3")
    local broken, n = text:gsub('"type": "integer", "value": 1074790400', '"type": "string", "value": 1074790400', 1)
    assert.are.equal(1, n)
    assert.has_error(function() validate(decode(broken)) end)
  end)
end)
