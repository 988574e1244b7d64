-- SPDX-License-Identifier: MIT
-- prelude.lua: the recipe language. It collects declarations and nothing
-- else: the C core links, merges, checks and renders them.
--
-- This chunk is trusted: the C host runs it with the standard libraries and
-- takes the table it returns. Recipes never see it; they run in SANDBOX.

local lfs = require "lfs"

-- What C gives the prelude (src/load/sandbox.c): op(name, value) makes a
-- value operation, a userdata that recipes can neither read nor change and
-- that C alone takes apart; string, table and utf8 hold library functions
-- that charge their work to the budget of the run.
local native = ...

local M = {}

-- A recipe error is raised as a table: the C message handler reads the
-- message and the token to point at, then finds the recipe line itself.
local function fail(message, token)
  error(setmetatable({ message = message, token = token }, { __tostring = function() return message end }), 0)
end

local function wrap(name)
  return function(v)
    if v == nil then fail(name .. "() needs a value", name) end
    return native.op(name, v)
  end
end

local function listop(name)
  return function(v)
    if type(v) ~= "table" or getmetatable(v) ~= nil then
      fail(name .. " expects a list, as in " .. name .. " { ... }", name)
    end
    return native.op(name, v)
  end
end

local PRELUDE = debug.getinfo(1, "S").source

-- The line of the recipe that called the function calling this: the first
-- frame above it with a line that is not the prelude's (pcall, a C
-- function, has none: pcall(board "t", { ... }) keeps its line).
local function caller_line()
  for level = 3, 250 do
    local info = debug.getinfo(level, "Sl")
    if info == nil then break end
    if info.currentline > 0 and info.source ~= PRELUDE then return info.currentline end
  end
  return 0
end

local collected -- declarations of the file being run, or nil

-- C checks the name (an identifier) and the fields; the line is the one of
-- the name, as the scanner places constructors.
local function constructor(kind)
  return function(name)
    if type(name) ~= "string" or name == "" then
      fail(kind .. " name must be a non-empty string, got " .. type(name), kind)
    end
    local line = caller_line()
    return function(fields)
      if type(fields) ~= "table" or getmetatable(fields) ~= nil then
        fail(kind .. " '" .. name .. "' expects a table of fields, as in " .. kind .. ' "' .. name .. '" { ... }', kind)
      end
      if collected == nil then
        fail(kind .. " '" .. name .. "' is declared outside a recipe file", kind)
      end
      collected[#collected + 1] = { kind = kind, name = name, fields = fields, line = line }
    end
  end
end

-- The only way into a recipe's globals. Names the standard libraries
-- provide but recipes may not use get an error that says why.
local FORBIDDEN = {
  io = true, os = true, package = true, require = true, loadfile = true, dofile = true,
  load = true, loadstring = true, debug = true, collectgarbage = true, print = true,
  getmetatable = true, setmetatable = true, rawget = true, rawset = true, rawequal = true,
  rawlen = true, coroutine = true, module = true, setfenv = true, getfenv = true,
}

local FIELDS = {}  -- library name -> the names recipes may use (M.globals)
local LIBS = {}    -- library name -> what those names hold

-- lib without the names in drop, and with the functions of over instead
-- of its own.
local function readonly(lib, name, drop, over)
  local t = {}
  FIELDS[name], LIBS[name] = {}, t
  for k, v in pairs(lib) do
    if not (drop and drop[k]) then
      t[k] = over and over[k] or v
      FIELDS[name][#FIELDS[name] + 1] = k
    end
  end
  return setmetatable({}, {
    __index = function(_, k)
      local v = t[k]
      if v == nil then fail("'" .. name .. "." .. tostring(k) .. "' is not available in recipes", tostring(k)) end
      return v
    end,
    __newindex = function(_, k) fail("cannot modify '" .. name .. "." .. tostring(k) .. "': the library is read-only", tostring(k)) end,
    __metatable = false,
  }), t
end

-- xpcall's message handler runs inside the error, where Lua switches the
-- hooks off: a handler that loops would escape every limit. Recipes cannot
-- look at the stack, so a handler run after the error is the same to them.
local function xpcall_after(f, handler, ...)
  local r = table.pack(pcall(f, ...))
  if r[1] then return table.unpack(r, 1, r.n) end
  return false, handler(r[2])
end

local string_lib, string_functions = readonly(string, "string", { dump = true }, native.string)

-- next, pairs and tostring in a defined order (src/load/sandbox_order.c):
-- never Lua's hash order, which changes from run to run, nor an address.
local allowed = {
  assert = assert, error = error, ipairs = ipairs, next = native.next, pairs = native.pairs,
  pcall = pcall, select = select, tonumber = tonumber, tostring = native.tostring, type = type,
  xpcall = xpcall_after,
  _VERSION = _VERSION,
  string = string_lib,
  table = readonly(table, "table", nil, native.table),
  math = readonly(math, "math", { random = true, randomseed = true }, {}),
  utf8 = readonly(utf8, "utf8", nil, native.utf8),
  board = constructor("board"), guest = constructor("guest"), fragment = constructor("fragment"),
  vdev_type = constructor("vdev_type"),
  default = wrap("default"), force = wrap("force"),
  append = listop("append"), prepend = listop("prepend"), remove = listop("remove"),
  delete = native.op("delete"),
}

-- The builtin functions get their numbers of the defined order in the
-- order of their names (those the prelude makes are numbered as made).
do
  local names, fns = {}, {}
  for k, v in pairs(allowed) do
    if FIELDS[k] then
      for _, f in ipairs(FIELDS[k]) do names[#names + 1] = { k .. "." .. f, LIBS[k][f] } end
    else
      names[#names + 1] = { k, v }
    end
  end
  table.sort(names, function(a, b) return a[1] < b[1] end)
  for _, e in ipairs(names) do fns[#fns + 1] = e[2] end
  native.order(fns)
end

-- Methods of strings ("x"):upper() come from the string metatable, which
-- would hand recipes the unfiltered library: give it the filtered one.
getmetatable("").__index = setmetatable(string_functions, {
  __index = function(_, k)
    fail("'string." .. tostring(k) .. "' is not available in recipes", tostring(k))
  end,
})

-- Every name a recipe may read, sorted: the globals, and "lib.field" for
-- each field of a library (for 'mkbuildfile schema --luacheckrc').
function M.globals()
  local names = {}
  for k in pairs(allowed) do
    if FIELDS[k] then
      for _, f in ipairs(FIELDS[k]) do names[#names + 1] = k .. "." .. f end
    else
      names[#names + 1] = k
    end
  end
  table.sort(names)
  return names
end

M.SANDBOX = setmetatable({}, {
  __index = function(_, k)
    if allowed[k] ~= nil then return allowed[k] end
    if FORBIDDEN[k] then
      fail("'" .. tostring(k) .. "' is not available in recipes: they run sandboxed, without file, process or module access", tostring(k))
    end
    fail("undefined global '" .. tostring(k) .. "'", tostring(k))
  end,
  __newindex = function(_, k)
    fail("assignment to undeclared global '" .. tostring(k) .. "' (declare it with 'local')", tostring(k))
  end,
  __metatable = false,
})

-- Compiles a recipe as text only (never bytecode) in the sandbox.
-- Returns the chunk, or nil and Lua's syntax error message.
function M.compile(src, chunkname)
  return load(src, chunkname, "t", M.SANDBOX)
end

-- Runs a compiled chunk and returns the declarations it made, in order.
-- An error is not caught here: the C message handler must see the stack
-- as it was where the recipe failed.
function M.run(chunk)
  collected = {}
  chunk()
  local out = collected
  collected = nil
  return out
end

-- Every *.lua file below dir, as paths relative to it, sorted, so that the
-- search order never depends on readdir order, and the folders walked (""
-- for dir itself, in the same order). Hidden entries are skipped, and so are
-- the folders render -o made (its manifest, native.manifest, says which:
-- native.made): an output tree holds no recipe, and may hold thousands of
-- folders. Returns nil and a message when dir cannot be read.
function M.index(dir)
  local out, dirs, skip = {}, {}, {}
  local function walk(rel, depth)
    local full = rel == "" and dir or dir .. "/" .. rel
    local ok, iter, state = pcall(lfs.dir, full)
    if not ok then return rel == "" and iter or nil end
    local names, marked = {}, false
    for entry in iter, state do
      if entry == native.manifest then marked = true end
      if entry:sub(1, 1) ~= "." then names[#names + 1] = entry end
    end
    for _, m in ipairs(marked and native.made(full) or {}) do
      if m == "." then return end
      skip[rel == "" and m or rel .. "/" .. m] = true
    end
    dirs[#dirs + 1] = rel
    table.sort(names)
    for _, entry in ipairs(names) do
      local r = rel == "" and entry or rel .. "/" .. entry
      -- A recipe folder holds mostly NAME.lua files: take those for files
      -- without a stat each; stat the rest to find the folders. A link
      -- loop ends at depth 64.
      if entry:match("%.lua$") then
        out[#out + 1] = r
      elseif not skip[r] and depth < 64 and lfs.attributes(dir .. "/" .. r, "mode") == "directory" then
        walk(r, depth + 1)
      end
    end
  end
  local err = walk("", 0)
  if err then return nil, err end
  return out, dirs
end

return M
