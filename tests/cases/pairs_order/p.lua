-- A script built with pairs: its lines come in the order pairs gives, the
-- same in every run (tests/determinism_test.sh runs this in 20 processes):
-- integers ascending, strings by their bytes, floats, false, true, then
-- tables, functions and operations in the order they were made (builtin
-- functions in the order of their names).
local daemons = { slogger2 = 1, pipe = 2, devb = 3, io_sock = 4, random = 5, dumper = 6,
  mqueue = 7, pci_server = 8, smmuman = 9, wdtkick = 10, devc_ser = 11, tracelogger = 12,
  "first", "second", [10] = "ten", [-1] = "minus one", [0.5] = "a half", [true] = "true",
  [false] = "false", Zebra = "upper case first", ["z\0"] = "a NUL byte" }
local script = {}
for key, v in pairs(daemons) do
  script[#script + 1] = { "display_msg", ("%q=%s"):format(key, v) }
end
local last
for k in next, daemons do last = k end
script[#script + 1] = { "display_msg", "last key by next: " .. tostring(last) }

local made_first, made_second = {}, {}
local function closure() end
local objects = { [made_second] = "table made second", [string.upper] = "string.upper",
  [closure] = "a closure", [made_first] = "table made first", [string.lower] = "string.lower",
  [force(1)] = "force(1)", [delete] = "delete" }
for _, v in pairs(objects) do script[#script + 1] = { "display_msg", v } end
script[#script + 1] = { "display_msg", tostring(made_first):match("^table #%d+$") and "named by number" or "by address" }
board "p" { include = { "rcar_h3" }, script = append(script) }
