-- luacheck configuration (Debian: lua-check). Recipes run in the sandbox
-- of lua/prelude.lua: these are the only globals they may read.
std = "lua54"
max_line_length = 120

local dsl = {
  "board", "guest", "fragment", "default", "force", "append", "prepend", "remove", "delete",
}

-- Recipes are checked against the recipe sandbox exactly: the configuration
-- 'mkbuildfile schema --luacheckrc' writes (the build makes
-- BUILD/mkbuildfile.luacheckrc, and the luacheck test names it in
-- MKB_LUACHECKRC). Without it, the recipe language's names on top of Lua's
-- minimal standard library, which lets some names the sandbox refuses pass.
local recipe = { std = "min", read_globals = dsl }
local generated = os.getenv("MKB_LUACHECKRC")
if generated then
  local env = {}
  local f = assert(io.open(generated))
  local text = f:read("*a")
  f:close()
  local chunk
  if setfenv then  -- luacheck runs under Lua 5.1 on Debian 12
    chunk = assert(loadstring(text, "@" .. generated))
    setfenv(chunk, env)
  else
    chunk = assert(load(text, "@" .. generated, "t", env))
  end
  chunk()
  stds.mkb_sandbox = { read_globals = env.read_globals }
  recipe = { std = "mkb_sandbox" }
end
files["boards/"] = recipe
files["recipes/"] = recipe
files["examples/"] = recipe
-- The golden cases are fixtures, many broken on purpose (syntax errors,
-- undefined globals, forbidden calls): they test the tool, not luacheck.
exclude_files = { "tests/cases/**", "tests/sarif/**", "tests/fuzz/**", "build/**", "build-*/**" }
-- The schema's lines carry one-line docs: they may run long.
files["lua/prelude.lua"] = { std = "lua54", max_line_length = 150 }
files["lua/schema.lua"] = { std = "lua54", max_line_length = 160 }
-- Specs compare whole expected texts, whose lines are what they are.
files["tests/spec/"] = { std = "+busted", max_line_length = false }
files["bench/"] = { std = "lua54", max_line_length = 150 }
