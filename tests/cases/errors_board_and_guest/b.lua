-- One run, three recipes, each with its own mistake: all are reported.
fragment "extras" { files = { ["/etc/motd"] = { perms = 644 } } }
guest "g" { include = { "qnx-aarch64" }, ram = { size = "512MB" } }
board "b" {
  include = { "rcar_h3", "extras" },
  kernal  = { "procnto-smp-instr" },
  guests  = { "g" },
}
