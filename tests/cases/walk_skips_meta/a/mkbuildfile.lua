---@meta mkbuildfile
-- LuaLS definitions beside the recipes (as 'mkbuildfile schema --luals -o'
-- writes them, shortened): for the editor, not a recipe

---@class (exact) mkb.board
---@field include? string[] recipes this one builds on, in order

---@param name string
---@return fun(fields: mkb.board)
function board(name) end
