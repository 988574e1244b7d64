-- a recipe may not run programs
local ok = true
  os.execute("touch /tmp/owned")
board "evil" { }
