-- Keys hold dots and slashes: files.libc.so is the key "libc.so", not
-- the key "libc" and then "so".
board "b" {
  arch    = "aarch64le",
  image   = { format = "raw" },
  startup = { "startup-test" },
  kernel  = { "procnto-smp-instr" },
  files   = { libc = "libc-1.0", ["libc.so"] = true, ["/etc/motd"] = "motd.txt",
                ["/usr/lib/ldqnx-64.so.2"] = "ldqnx-64.so.2", ["libgcc_s.so.1"] = true },
}
