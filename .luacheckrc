-- luacheck configuration (Debian: lua-check). Recipes run in the sandbox
-- of lua/prelude.lua: these are the only globals they may read.
std = "lua54"
max_line_length = 120

local dsl = {
  "board", "guest", "fragment", "default", "force", "append", "prepend", "remove", "delete",
}

files["boards/"] = { std = "min", read_globals = dsl }
files["recipes/"] = { std = "min", read_globals = dsl }
files["examples/"] = { std = "min", read_globals = dsl }
-- The golden cases are fixtures, many broken on purpose (syntax errors,
-- undefined globals, forbidden calls): they test the tool, not luacheck.
exclude_files = { "tests/cases/**", "tests/sarif/**", "tests/fuzz/**", "build/**", "build-*/**" }
-- The schema's lines carry one-line docs: they may run long.
files["lua/prelude.lua"] = { std = "lua54", max_line_length = 150 }
files["lua/schema.lua"] = { std = "lua54", max_line_length = 160 }
-- Specs compare whole expected texts, whose lines are what they are.
files["tests/spec/"] = { std = "+busted", max_line_length = false }
files["bench/"] = { std = "lua54", max_line_length = 150 }
