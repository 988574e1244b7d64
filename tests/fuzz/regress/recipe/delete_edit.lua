local ok = pcall(function() delete.op = "force"; delete.value = "/etc/shadow" end)
fragment "f" { files = { ["/etc/profile"] = delete } }
