-- An image without a bootstrap has no startup, kernel, format or CPU.
board "b" {
  arch    = "x86_64",
  image   = { bootable = false, format = "bios" },
  startup = { "startup-x86" },
  files   = { ["/etc/motd"] = { contents = "hello\n" } },
}
