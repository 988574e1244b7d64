-- The closure check of a startup script: every command it runs is an entry
-- of the image on its PATH, a path the image provides, or a command procnto
-- runs itself. After a line that may start a file system (here a shell
-- running a script), a missing program is a warning, not an error.
fragment "tiny" {
  arch    = "aarch64le",
  image   = { format = "raw" },
  startup = { "startup-test" },
  kernel  = { "procnto-smp-instr" },
  env     = { PATH = { "/proc/boot", "/bin" } },
}

board "b" {
  include = { "tiny" },
  script = {
    "procmgr_symlink ../../proc/boot/ksh /bin/sh",
    { "waitfor", "/dev/ser1" },
    { "devc-ser825", bg = true },
    { "slogger2", bg = true },
    { "/usr/sbin/tool" },
    { "pidin" },
    "PATH=/opt qconn",
    { "waitfor", "/dev/slog", external = true },
    "[+external] reopen /dev/ser1",
    { "/bin/sh", "/proc/boot/mount-data.sh" },
    { "uname", "-a" },
    { "ksh", session = true, bg = true },
  },
  files = {
    ksh = true,
    ["devc-ser8250"] = true,
    ["/opt/pidin"] = "pidin",
    ["/opt/qconn"] = "qconn",
    ["/proc/boot/mount-data.sh"] = { contents = "mount -t qnx6 /dev/hd0t177 /data\n" },
  },
}
