board "b" {
  include = { "rcar_h3" },
  image = { format = "r\255w" },
  files = { ["/etc/ÿ"] = { contents = "x", perms = 7 } },
}
