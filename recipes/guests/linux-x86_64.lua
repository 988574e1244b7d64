-- SPDX-License-Identifier: MIT
-- linux-x86_64: a Linux guest on the PC layout of QNX's Linux example:
-- the legacy PC devices on an I/O APIC, a virtio disk and a virtio network
-- interface as PCI devices, the kernel and initramfs loaded by qvm.

local dir = "/vm/images/linux-x86_64"

guest "linux-x86_64" {
  description = "Linux guest, x86_64, PC layout",
  arch = "x86_64",
  ram  = { { start = 0, size = 0xa0000 }, { start = "1M", size = "1023M" } },
  rom  = { start = 0xc0000, size = 0x40000 },
  cpu  = 2,
  load = { dir .. "/bzImage", { dir .. "/initrd.img", type = "initrd" } },
  cmdline = "console=ttyS0,115200 root=/dev/vda rw",
  vdevs = {
    ioapic   = { "ioapic", loc = 0xf8000000, intr = "apic", name = "myioapic" },
    pic1     = { "8259", loc = "io:0x20" },
    pic2     = { "8259", loc = "io:0xa0" },
    timer    = { "timer8254", intr = "myioapic:0" },
    rtc      = { "mc146818", reg = "0x0b,0x02" },
    hpet     = { "hpet", loc = 0xf8008000, intr = { "myioapic:0", "myioapic:8", "myioapic:10" } },
    serial   = { "ser8250", hostdev = ">-", intr = "myioapic:4" },
    keyboard = { "pckeyboard" },
    disk     = { "virtio-blk", hostdev = dir .. "/rootfs.img" },
    net      = { "virtio-net", name = "guest_to_host", to = "host", peerfeats = 0 },
  },
  host_files = {
    [dir .. "/bzImage"]    = "images/linux-x86_64/bzImage",
    [dir .. "/initrd.img"] = "images/linux-x86_64/initrd.img",
    [dir .. "/rootfs.img"] = "images/linux-x86_64/rootfs.img",
  },
}
