board "b" {
  include = { "rcar_h3" },
  files   = { ["/etc/motd"] = { perms = 0755, contents = "hi\n" } },
}
