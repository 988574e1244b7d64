-- 40 diamonds of includes. Deciding whether 'd1a' includes 'other' walked
-- every path through them: 2^40 steps.
fragment "d41a" { }
fragment "d41b" { }
for i = 40, 1, -1 do
  local below = { "d" .. (i + 1) .. "a", "d" .. (i + 1) .. "b" }
  fragment ("d" .. i .. "a") { include = below, qnx = i == 1 and "7.1" or nil }
  fragment ("d" .. i .. "b") { include = below }
end
fragment "other" { qnx = "8.0" }
board "b" { include = { "rcar_h3", "other", "d1a" } }
