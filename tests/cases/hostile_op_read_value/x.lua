-- Operations hide what they hold: C alone reads them.
local f = force(1)
local v = f.value
