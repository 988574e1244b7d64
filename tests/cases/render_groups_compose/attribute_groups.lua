-- attribute_groups: imported from an mkifs buildfile by mkbuildfile import.

board "attribute_groups" {
  arch    = "aarch64le",
  image   = { base = 0x80000000, format = "raw" },
  startup = { "startup-foo" },
  bootstrap = {
    { env = { PATH = "/proc/boot" } },
  },
  kernel  = { "procnto-smp-instr" },
  script = {
    { "procmgr_symlink", "../../proc/boot/ldqnx-64.so.2", "/usr/lib/ldqnx-64.so.2" },
    { "slogger2", bg = true },
  },
  groups = {
    ["uid=0 gid=0"] = {
      attributes = { uid = 0, gid = 0 },
      files = {
        ["libc.so"]       = true,
        ["libgcc_s.so.1"] = true,
        ["ldqnx-64.so.2"] = true,
        ["slogger2"]      = true,
        ["/etc/secret"]   = { perms = "0400", contents = [[
key
]] },
      },
    },
    ["-autolink data=c"] = {
      attributes = { autolink = false, data = "c" },
      files = {
        ["libm.so.3"] = true,
      },
    },
    ["+autolink perms=0755"] = {
      attributes = { autolink = true, perms = "0755" },
      files = {
        ["/usr/bin/tool"] = "tool",
      },
    },
  },
}
