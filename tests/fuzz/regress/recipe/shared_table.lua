local t = { "a" }
for i = 1, 22 do t = { t, t } end
board "x" { script = t }
