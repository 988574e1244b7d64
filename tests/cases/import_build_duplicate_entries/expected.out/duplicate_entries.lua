-- duplicate_entries: imported from an mkifs buildfile by mkbuildfile import.

board "duplicate_entries" {
  arch    = "x86_64",
  image   = { format = "bios" },
  startup = { "startup-x86" },
  kernel  = { "procnto-smp-instr" },
  files = {
    ["fdisk"] = { "fdisk", perms = "0644" },
    ["pidin"] = true,
  },
  groups = {
    again = {
      files = {
        ["fdisk"] = { "fdisk2", perms = "0755" },
      },
    },
  },
}
