local a = append { "-v" }
a.value = 42
board "x" { startup = a }
