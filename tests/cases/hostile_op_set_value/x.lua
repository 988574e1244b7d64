-- Editing an operation object crashed the loader (SIGSEGV in lua_next).
local a = append { "-v" }
a.value = 42
board "x" {
  include = { "rcar_h3" },
  startup = a,
}
