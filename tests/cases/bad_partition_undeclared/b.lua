-- A guest on a data partition the board does not declare.
guest "g" { include = { "qnx80" }, partition = true }

board "b" { include = { "rpi4" }, guests = { "g" } }
