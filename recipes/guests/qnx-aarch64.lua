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
    -- -H: a hypervisor guest; only then does startup-armv8_fm start the
    -- other vCPUs (through PSCI), and without an FDT it takes their number
    -- from -P ("In hypervisor, -P not specified, assume 1 core"):
    -- Qnx_Hypervisor_rbye qnx_guests/src/hardware/startup/boards/armv8_fm/board_smp.c,
    -- lib/common_options.c; QNX's guest BSP starts it with -H
    -- (qnx_guests/images/common-definitions.m4). -P2 matches cpu above.
    startup = { "startup-armv8_fm", "-H", "-P2", "-v", keeplinked = true },
    kernel  = { "procnto-smp-instr", "-v", keeplinked = true },
    env = {
      PATH            = { "/proc/boot", "/bin", "/usr/bin" },
      LD_LIBRARY_PATH = { "/proc/boot", "/lib", "/usr/lib", "/lib/dll" },
    },
    script = {
      -- The runtime linker, linked where programs load it, as QNX's guest
      -- BSP does (qnx_guests/images/guest-1/qnx800-guest-1.build; 7.1
      -- migration guide, "Buildfiles").
      "procmgr_symlink ../../proc/boot/ldqnx-64.so.2 /usr/lib/ldqnx-64.so.2",
      { "display_msg", "QNX guest on QNX Hypervisor" },
      { "slogger2", bg = true },
      { "waitfor", "/dev/slog2" },
      -- The SP805 vdev is enabled and kicked by wdtkick: QNX's guest BSP
      -- line (/scripts/watchdog-start.sh in common-definitions.m4): kick
      -- every second, enable by writing 3 at offset 8, the timeout load
      -- value at offset 0. wdtkick needs a kick time and a register write
      -- or it exits (wd_evaluate_params, qnx_guests/src/hardware/support/wdtkick/main.c).
      { "wdtkick", "-v", "-a", "0x1c0f0000", "-t", "1000", "-E", "8:3", "-W", "0:0x47868C0" },
      -- the PL011 the host emulates at 0x1c090000, interrupt 37
      { "devc-serpl011", "-e", "-F", "-b115200", "0x1c090000,37", bg = true },
      { "waitfor", "/dev/ser1" },
      { "reopen", "/dev/ser1" },
      { "ksh", session = true, bg = true },
    },
    files = {
      ["libc.so"] = true,
      ["libgcc_s.so.1"] = true,
      ["ldqnx-64.so.2"] = true,
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
