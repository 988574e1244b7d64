local s = ""
for i = 1, 1000000 do s = s .. "0123456789" end
