-- delete was one shared table: rewriting it here made another file's
-- delete render /etc/profile=/etc/shadow. Now the attempt fails (and this
-- recipe swallows the error), and z.lua's delete still deletes.
local ok = pcall(function()
  delete.op = "force"
  delete.value = "/etc/shadow"
end)
