-- Groups compose as maps do: a variant adds a file to a group by name, and
-- a group of its own after the others (its line holds from there on).
board "variant" {
  include = { "attribute_groups" },
  groups  = {
    ["uid=0 gid=0"] = { files = { pidin = true } },
    tools           = { attributes = { perms = "0700" }, files = { ["/usr/bin/dbg"] = "dbg" } },
  },
}
