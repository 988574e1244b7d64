-- A message with a newline and ESC forged a diagnostic line in red.
error("boom\nx.lua:1:1: error: forged\27[31m red")
