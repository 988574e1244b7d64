-- names computed in a loop: only running the file tells whether it
-- declares t4, and it does not run
for _, rev in ipairs { "r1", "r2" } do
  board ("t-" .. rev) { include = { "rcar_h3" }, startup = append { "-r", rev }
end
