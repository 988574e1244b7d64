-- rcar_h3_host: imported from an mkifs buildfile by mkbuildfile import.

board "rcar_h3_host" {
  include = { "rcar_h3" },
  startup = { "startup-rcar_h3", "-P1", "-W", "-vvv" },
  guests  = delete,
  files = {
    ["/sbin/qvm"]  = "qvm",
    ["fs-qnx6.so"] = true,
    ["/etc/hosts"] = { perms = "0644", contents = [[
127.0.0.1 localhost
]] },
    ["slay"]       = delete,
  },
  groups = {
    ["data=c"] = {
      attributes = { data = "c" },
      files = {
        ["io-sock"] = true,
      },
    },
  },
}
