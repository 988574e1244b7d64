-- image_without_bootstrap: imported from an mkifs buildfile by mkbuildfile import.

board "image_without_bootstrap" {
  image      = { bootable = false, compress = 2 },
  attributes = { uid = 0, gid = 0, perms = "0444" },
  files = {
    ["/etc/motd"] = { contents = [[
hello
]] },
  },
  groups = {
    ["perms=0755"] = {
      attributes = { perms = "0755" },
      files = {
        ["bin/tool"] = "tool",
        ["/bin/t"]   = { link = "/ifs2/bin/tool" },
      },
    },
  },
}
