-- SPDX-License-Identifier: MIT
-- qnx-x86_64: a QNX guest on the conventional PC layout: low RAM below the
-- VGA hole, the BIOS ROM, RAM from 1 MiB, an I/O APIC named myioapic that
-- every legacy device routes to, and its own multiboot image (startup-apic).

guest "qnx-x86_64" {
  description = "QNX guest, x86_64, PC layout",
  arch = "x86_64",
  ram  = { { start = 0, size = 0xa0000 }, { start = "1M", size = "511M" } },
  rom  = { start = 0xc0000, size = 0x40000 },
  cpu  = 2,
  vdevs = {
    ioapic   = { "ioapic", loc = 0xf8000000, intr = "apic", name = "myioapic" },
    pic1     = { "8259", loc = "io:0x20" },
    pic2     = { "8259", loc = "io:0xa0" },
    timer    = { "timer8254", intr = "myioapic:0" },
    rtc      = { "mc146818" },
    hpet     = { "hpet", loc = 0xf8008000, intr = { "myioapic:2", "myioapic:8" } },
    serial   = { "ser8250", hostdev = ">-", intr = "myioapic:4" },
    keyboard = { "pckeyboard" },
  },
  ifs = {
    image   = { format = "multiboot" },
    attributes = { uid = 0, gid = 0 },
    startup = { "startup-apic", "-v", keeplinked = true },
    kernel  = { "procnto-smp-instr", "-v", keeplinked = true },
    env = {
      PATH            = { "/proc/boot", "/bin", "/usr/bin" },
      LD_LIBRARY_PATH = { "/proc/boot", "/lib", "/usr/lib", "/lib/dll" },
    },
    script = {
      -- The runtime linker, linked where programs load it (QNX 7.1
      -- migration guide, "Buildfiles",
      -- https://qdn.qnx.com/developers/docs/7.1/com.qnx.doc.qnxsdp.migration/topic/buildfiles.html).
      "procmgr_symlink ../../proc/boot/ldqnx-64.so.2 /usr/lib/ldqnx-64.so.2",
      { "slogger2", bg = true },
      { "waitfor", "/dev/slog2" },
      { "devc-ser8250", "-e", "-b115200", "0x3f8,4", bg = true },
      { "waitfor", "/dev/ser1" },
      { "reopen", "/dev/ser1" },
      { "ksh", session = true, bg = true },
    },
    files = {
      ["libc.so"] = true,
      ["libgcc_s.so.1"] = true,
      ["ldqnx-64.so.2"] = true,
      ["slogger2"] = true,
      ["devc-ser8250"] = true,
      ["ksh"] = true,
      ["/bin/sh"] = { link = "/proc/boot/ksh" },
      ["ls"] = true,
      ["pidin"] = true,
    },
  },
}
