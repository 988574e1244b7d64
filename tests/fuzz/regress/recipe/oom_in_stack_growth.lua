-- Memory runs out while the Lua stack grows: the allocator notes the line by
-- walking the call chain, which must still be whole then.
local keep = {}
for i = 1, 22 do keep[i] = ("x"):rep(1 << 20) .. i end
local function f(n)
  local a, b, c, d, e, g, h, k = n, n, n, n, n, n, n, n
  return f(n + 1) + a + b + c + d + e + g + h + k
end
f(1)
