fragment "tiny" {
  arch    = "aarch64le",
  image   = { format = "raw", base = default(0x1000) },
  startup = { "startup-test", keeplinked = true },
  kernel  = { "procnto-smp-instr" },
  env     = { PATH = default { "/proc/boot" } },
}

board "b" {
  include = { "tiny" },
  image   = { base = 0x80000 },
  startup = append { "-v" },
  files   = { ["libm.so"] = true, ["/etc/motd"] = { perms = "0444", contents = "hi \"there\"\n" } },
}
