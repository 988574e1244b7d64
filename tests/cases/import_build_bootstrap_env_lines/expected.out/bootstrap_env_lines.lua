-- bootstrap_env_lines: imported from an mkifs buildfile by mkbuildfile import.

board "bootstrap_env_lines" {
  arch    = "aarch64le",
  image   = { base = 0x80000000, format = "raw" },
  startup = { "startup-foo", "-v" },
  bootstrap = {
    { env = { PATH = { "/proc/boot", "/bin" } } },
    { env = { LD_LIBRARY_PATH = { "/proc/boot", "/lib" } } },
  },
  kernel  = { "procnto-smp-instr", "-v", keeplinked = true },
  env = {
    CONFIG_PATH = "/proc/boot",
  },
  script = {
    { "foo", "-a" },
  },
  files = {
    ["foo"]                    = true,
    ["libc.so"]                = true,
    ["ldqnx-64.so.2"]          = true,
    ["libgcc_s.so.1"]          = true,
    ["/usr/lib/ldqnx-64.so.2"] = { link = "/proc/boot/ldqnx-64.so.2" },
  },
}
