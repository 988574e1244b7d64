-- SPDX-License-Identifier: MIT
-- qnx-aarch64: a QNX guest on the conventional ARM guest map (the ARM
-- Foundation-Model layout QNX's aarch64 guest BSP expects): RAM at 2 GiB,
-- the PL011 console at 0x1c090000 on gic:37, shared memory, the SP805
-- watchdog. It carries its own image, booted with startup-armv8_fm.

guest "qnx-aarch64" {
  description = "QNX guest, aarch64, ARM Foundation-Model layout",
  arch = "aarch64le",
  ram  = { start = 0x80000000, size = "256M" },
  cpu  = { { sched = 10 }, { sched = 10 } },
  vdevs = {
    console  = { "pl011", loc = 0x1c090000, intr = "gic:37", hostdev = ">-" },
    shmem    = { "shmem", loc = 0x1c050000, intr = "gic:38" },
    watchdog = { "wdt-sp805", loc = 0x1c0f0000 },
  },
  ifs = {
    image   = { base = 0x80000000, format = "elf" },
    attributes = { uid = 0, gid = 0 },
    startup = { "startup-armv8_fm", "-v", keeplinked = true },
    kernel  = { "procnto-smp-instr", "-v", keeplinked = true },
    env = {
      PATH            = { "/proc/boot", "/bin", "/usr/bin" },
      LD_LIBRARY_PATH = { "/proc/boot", "/lib", "/usr/lib", "/lib/dll" },
    },
    script = {
      "procmgr_symlink ../../proc/boot/libc.so /usr/lib/ldqnx-64.so.2",
      { "display_msg", "QNX guest on QNX Hypervisor" },
      { "slogger2", bg = true },
      { "waitfor", "/dev/slog2" },
      -- the PL011 the host emulates at 0x1c090000, interrupt 37
      { "devc-serpl011", "-e", "-F", "-b115200", "0x1c090000,37", bg = true },
      { "waitfor", "/dev/ser1" },
      { "reopen", "/dev/ser1" },
      { "wdtkick", "-a", "0x1c0f0000", bg = true },
      { "ksh", session = true, bg = true },
    },
    files = {
      ["libc.so"] = true,
      ["/usr/lib/ldqnx-64.so.2"] = { link = "/proc/boot/libc.so" },
      ["slogger2"] = true,
      ["devc-serpl011"] = true,
      ["wdtkick"] = true,
      ["ksh"] = true,
      ["/bin/sh"] = { link = "/proc/boot/ksh" },
      ["ls"] = true,
      ["pidin"] = true,
    },
  },
}
