-- Loaded after a.lua (search order): its delete still deletes.
board "b" {
  include = { "rcar_h3" },
  files = { ["/etc/profile"] = delete },
}
