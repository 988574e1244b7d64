force(append { 1 })
board "y" { x = { append { 1 } }, y = delete, z = { delete } }
