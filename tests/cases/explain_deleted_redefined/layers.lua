fragment "a" {
  arch    = "aarch64le",
  image   = { format = "raw" },
  startup = { "startup-test" },
  kernel  = { "procnto-smp-instr" },
  files   = { ["libm.so"] = true, ["/etc/motd"] = { contents = "hi\n" }, ksh = true },
}

fragment "b" {
  include = { "a" },
  files = { ["/etc/motd"] = delete, ksh = delete },
}

-- a key deleted below may be defined again
board "c" {
  include = { "b" },
  files = { ["/etc/motd"] = "motd.txt" },
}
