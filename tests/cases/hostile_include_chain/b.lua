-- A 50,000-deep include chain overflowed the C stack of the linker.
for i = 1, 50000 do
  fragment ("f" .. i) { include = { "f" .. (i + 1) } }
end
board "b" { include = { "f1" } }
