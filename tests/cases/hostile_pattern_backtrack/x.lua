-- One call into the pattern matcher, which no hook interrupts, would run
-- for ages: refused before it starts.
local i = ("a"):rep(100000):find(".-.-.-b")
