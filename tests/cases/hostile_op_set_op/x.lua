-- An unknown op was treated as remove; a table op dropped the value.
local a = append { "-v" }
a.op = "frobnicate"
board "x" {
  include = { "rcar_h3" },
  startup = a,
}
