-- pcall(board "t", ...) lost the line of the declaration.
local ok = pcall(board "t", {
  include = { "rcar_h3", "nope" },
})
