-- Twenty strings of 512 MiB: "out of memory" at this line, under the default
-- limit of the recipe language.
local t = {}
for i = 1, 20 do
  t[i] = ("x"):rep(512 * 1024 * 1024)
end
