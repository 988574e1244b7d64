-- qnx = 8.0 is a number (Lua reads 8.0 as a float): the message says to
-- quote it. A number spelt in hex is printed in hex.
board "b" { include = { "rcar_h3" }, qnx = 8.0, image = { format = 0x1000 } }
