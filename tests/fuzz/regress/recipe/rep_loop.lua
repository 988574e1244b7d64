for i = 1, 100 do local s = string.rep("x", 1 << 28) end
