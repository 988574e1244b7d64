-- SPDX-License-Identifier: MIT
-- schema.lua: every field a recipe may set, as data. The C core reads this
-- table once; it is the single source of truth for names, types, defaults
-- and the one-line documentation of each field.
--
-- A type is a table with `type` one of:
--   string, integer, boolean, address (integer, or a string such as "20m"),
--   size (integer, or a string with a K/M/G suffix), perms (octal string,
--   "*" or symbolic), enum (`values`), list (`of`), map (`of`: any names),
--   record (`fields`, a list of fields; `items`: the type of its positional
--   part, if it has one), oneof (`types`: chosen by the kind of the value).
-- A field is a type plus `name`, `doc`, and optionally `required`,
-- `default`, `arch` (architectures that allow it), `qnx` (versions),
-- `refuse_prefix` (a string value may not start with it) and `boot` (a part
-- of the bootstrap: an image whose image.bootable is false has none, so
-- such a field is then refused, and not required). An enum may say
-- `value_arch`: { VALUE = architectures that allow that value }.
-- `hex = true` on a type: an integer in it is an address or a size, which
-- a .qvmconf and an imported recipe write in hex (render_qvmconf.c and
-- import_*.c ask schema_hex by the field's name, so a name flagged in one
-- place is hex wherever a guest uses it); `hex_names` on a map: the names
-- of its entries that are (the qvm variables that hold an address).
-- An integer the schema flags hex, and every address and size, is not
-- negative and lies in the physical address space of the recipe's
-- architecture (images.arch[ARCH].phys_bits below; a guest without an arch
-- gets the smallest of those its arch field allows); a size string that
-- does not fit in 64 bits is an error too.
-- `min`, `max` on an integer type: the smallest and largest value it takes.
--
-- Every string is written into a rendered file as one word of it (quoted
-- and escaped where the file's syntax needs it, so that lint and import
-- read back exactly that string), or is refused: a string holds no control
-- character (a line break, ESC, a tab) and a map's names are not empty.
-- What a string type may say more:
--   `multiline = true`: it may hold line breaks and other control
--     characters (the contents of a file, a kernel command line, which a
--     .qvmconf quotes).
--   `nonempty = true`: it names something and may not be "".
--   `words = N`: it is N words separated by single blanks, written as that
--     many words (log FILTERS DEST).
--   `raw_line = true`: it is a line of mkifs script text, written as it is
--     (a '}' escaped, which would end the block): its double quotes pair up
--     and it does not end in a backslash, which would join the next line.
-- `key_ident = true` on a map: its names are identifiers (a letter or '_',
-- then letters, digits and '_'), as names of variables are written bare
-- (VAR=value in a buildfile, set NAME VALUE in a .qvmconf).

local string_t  = { type = "string" }
local int_t     = { type = "integer" }
-- Counts and ids that cannot be negative.
local count_t   = { type = "integer", min = 0 }
-- A number of CPUs: the system page QNX's startup hands the kernel counts
-- them in 16 bits ("_Uint16t num_cpu" in struct syspage_entry, <sys/syspage.h>:
-- QNX 6.x in yinjinzhong/qnx services/system/public/sys/syspage.h, and the
-- same field in the 8.0-era header). What qvm itself allows per guest is
-- UNCONFIRMED (no documented limit found).
local cpus_t    = { type = "integer", min = 1, max = 65535 }
local bool_t    = { type = "boolean" }
local strings_t = { type = "list", of = string_t }

-- A field is its type's table with a name, a doc and the extra members:
-- every member is copied, so that one the reader does not know (a typo)
-- reaches it and is reported.
-- It records the line it is called from, for the reader's messages.
local function field(name, t, doc, extra)
  local f = {}
  for k, v in pairs(t) do f[k] = v end
  for k, v in pairs(extra or {}) do f[k] = v end
  f.name, f.doc, f.line = name, doc, debug.getinfo(2, "l").currentline
  return f
end

-- Attributes of an image entry, written in its one bracket group.
local file_attributes = {
  field("uid", { type = "oneof", types = { count_t, string_t } }, "owner id, or \"*\" to take it from the host file"),
  field("gid", { type = "oneof", types = { count_t, string_t } }, "group id, or \"*\" to take it from the host file"),
  field("perms", { type = "perms" }, "permissions: an octal string such as \"0755\", \"*\", or symbolic (u+x)"),
  field("dperms", { type = "perms" }, "permissions of directories mkifs creates"),
  field("search", strings_t, "host directories searched for the file, in order"),
  field("optional", bool_t, "a missing host file is a warning (true) or an error (false)"),
  field("keeplinked", bool_t, "keep the relinked program as NAME.sym"),
  field("autolink", bool_t, "store shared objects under their SONAME with a link"),
  field("followlink", bool_t, "follow host symlinks when including a directory"),
  field("dupignore", bool_t, "ignore a duplicate entry"),
  field("data", { type = "enum", values = { "c", "copy", "u", "uip" } }, "copy the data segment when run, or use it in place"),
  field("code", { type = "enum", values = { "c", "copy", "u", "uip" } }, "copy the code segment when run, or use it in place"),
  field("prefix", string_t, "directory for relative target names"),
  field("autoso", { type = "enum", values = { "none", "list", "add", "n", "l", "a" } }, "find missing shared libraries: none, list or add them"),
  field("page_align", bool_t, "page-align the file in the image"),
  field("raw", bool_t, "treat the file as data: no relocation or stripping"),
  field("relocs", bool_t, "keep the file's relocations"),
  field("filter", string_t, "a shell command the host file is piped through (none: off)"),
  field("linker", string_t, "the linker command template mkifs relinks with"),
  field("cd", string_t, "folder mkifs changes to before opening the host file"),
  field("keepsection", string_t, "ELF sections not to strip"),
  field("phys_align", string_t, "physical alignment of the file: SIZE[,GROUP]"),
  field("big_pages", bool_t, "use big pages (QNX 8.0)"),
  field("bigendian", bool_t, "byte order of the image"),
  field("mtime", string_t, "modification time of the entry"),
  field("uip", bool_t, "run in place (old form of code=uip)"),
  field("chain", { type = "address" }, "address where the OS looks for the next image"),
  field("cksum", string_t, "checksum of the entry"),
  field("drop", string_t, "drop the entry"),
  field("include", bool_t, "include the entry"),
  field("mount", string_t, "mount point of the image"),
  field("pagesizes", string_t, "page sizes of the image, e.g. 4k,64k,1m (QNX 8.0)"),
  field("ram", string_t, "RAM area for the writable data of an image run from ROM"),
  field("sha256", string_t, "SHA-256 of the entry"),
  field("sha512", string_t, "SHA-512 of the entry"),
}

local function with_attributes(fields)
  local out = {}
  for _, f in ipairs(fields) do out[#out + 1] = f end
  for _, f in ipairs(file_attributes) do out[#out + 1] = f end
  return out
end

local command_t = {
  type = "record",
  items = string_t,
  min_items = 1,
  fields = with_attributes {
    field("modules", strings_t, "kernel modules bound into procnto: [module=NAME] for each"),
  },
}

-- A line of the bootstrap that starts no program. "varname=value creates a
-- global variable whose setting is added to the environment of every
-- process started below in the buildfile ... particularly in the bootstrap
-- file" (the "Environment variables" page cited at 'env' below). A line of
-- attributes only sets them for what follows: mkifs makes them global file
-- attributes (the QNX 6.4 mkxfs source, vocho/openqnx utils/m/mkxfs;
-- ../shared/reference/mkifs-buildfile.md 3.2), seen as [+keeplinked] between
-- startup and procnto in a QNX 6.4 x86 buildfile.
local boot_line_t = {
  type = "record",
  fields = with_attributes {
    field("env", { type = "map", of = { type = "oneof", types = { string_t, strings_t } }, key_ident = true },
          "global variables: for every program started below (a list is joined with ':')"),
  },
}

local script_line_t = {
  type = "oneof",
  types = {
    { type = "string", raw_line = true },
    {
      type = "record",
      items = string_t,
      fields = {
        field("bg", bool_t, "run in the background (a trailing &)"),
        field("session", bool_t, "make the process a session leader ([+session])"),
        field("pri", { type = "oneof", types = { int_t, string_t } }, "priority and policy, e.g. 10 or \"10r\" ([pri=...])"),
        field("cpu", { type = "oneof", types = { count_t, string_t } }, "bind the command to this CPU ([cpu=N], or \"*\")"),
        field("sched_aps", string_t, "start the command in this APS partition ([sched_aps=NAME])"),
        field("debug", bool_t, "enter the kernel debugger when the command starts ([+debug])"),
        field("argv0", string_t, "argv[0] of the command ([argv0=...])"),
        field("external", bool_t, "run the program even if an internal command has its name"),
        field("env", { type = "map", of = { type = "oneof", types = { string_t, strings_t } }, key_ident = true },
              "variables set for this command, or for every later one on a line of their own"),
      },
    },
  },
}

local file_t = {
  type = "oneof",
  types = {
    { type = "boolean", only = true, doc = "true: the file of that name, found on the search path" },
    string_t,
    {
      type = "record",
      items = string_t,
      max_items = 1,
      fields = with_attributes {
        field("contents", { type = "string", multiline = true }, "the file's contents, written inline"),
        field("link", string_t, "make a symbolic link to this path"),
        field("dir", bool_t, "make an empty directory"),
        field("type", { type = "enum", values = { "file", "link", "fifo", "dir" } }, "kind of entry to create"),
      },
    },
  },
}

-- The options every vdev takes, then each vdev type with its own
-- (../shared/reference/qnx-hypervisor.md §5). `arch` lists the host
-- architectures the vdev exists on; `implicit` vdevs are built into qvm and
-- need no vdev-NAME.so.
local loc_t = { type = "oneof", types = { int_t, string_t }, hex = true }
local addr_t = { type = "address", hex = true }
local words_t = { type = "oneof", types = { string_t, strings_t } }
local vdev_common = {
  field("loc", loc_t, "where the device sits: an address, io:PORT, or a PCI location"),
  field("intr", words_t, "its interrupt: gic:N on ARM, PICNAME:N on x86 (a list repeats the option)"),
  field("name", string_t, "instance name: /dev/qvm/SYSTEM/NAME, and the name PIC references use"),
  field("log", { type = "string", words = 2 }, "per-vdev logger: FILTERS DEST"),
  field("set", { type = "map", of = { type = "oneof", types = { string_t, int_t, bool_t } }, key_ident = true },
        "variables set in this vdev's context (set NAME VALUE)"),
  field("size", { type = "size" },
        "size of the device's register window, for the overlap check (not written to the file)"),
}
-- `window`: the size of the register window the vdev takes at its loc
-- when the recipe does not say (size = ...), for the overlap check.
-- `io_loc`: the architectures where a bare loc is an I/O port, not memory.
--
-- `bus`: how the guest finds the device. QNX's "Common vdev options": loc
-- and intr "For non-PCI devices (e.g., MMIO devices), you must set this
-- option" (https://www.qnx.com/developers/docs/7.1/com.qnx.doc.hypervisor.user/topic/vdev_ref/options.html;
-- 8.0: loc "is mandatory for non-PCI (e.g., MMIO) devices",
-- https://www.qnx.com/developers/docs/8.0/com.qnx.doc.hypervisor.user/topic/vdev_ref/options.html).
--   "mmio": always memory-mapped: loc and intr are required.
--   "pci_or_mmio": a PCI device unless loc puts it in memory, and then intr
--     is required too: "Normally this device appears as a PCI device, but if
--     you specify the loc and intr options, the guest will see it as a
--     memory-mapped I/O device" (vdev_virtio-blk.html, 7.0; the same "Not
--     required when the vdev appears as a PCI device" on the virtio and
--     shmem pages of 7.1 and 8.0).
--
-- `safety`: whether QNX ships a safety-certified variant (vdev-NAME-safety.so)
-- for QNX Hypervisor for Safety. QNX does not publish the list ("The
-- safety-certification document issued to you when you purchase the QHS
-- lists the safety-certified components",
-- https://get.qnx.com/developers/docs/7.0.0/com.qnx.doc.hypervisor.user/topic/qhs/qhs_components.html);
-- the public one is the QHS product brief (2020-02-25), figure "Safety-certified /
-- Non-certified" (copy: https://pdfslide.net/documents/product-brief-qnx-2020-02-25-guest-support-includes-unmodiied-android-linux.html):
-- certified "Emulated Devices: Memory controller, Interrupt controller
-- (GICv2/V3, posted interrupts (x86)), Timers, Watchdogs (IB700, SP805)",
-- "VirtIO 1.X: Block / Net / Console / Shared memory", "X86 specific: High
-- precision timers, Realtime Clock, Keyboard", "ARM specific: PL011 serial";
-- non-certified "Advanced Virtualization Framework (graphics, audio ...),
-- PCI device discovery, 8250 serial, Entropy (random numbers)". That brief
-- is of QHS 2.0; the QHS 2.2 list is UNCONFIRMED. "certified": the brief
-- lists it certified; "none": the brief lists it non-certified; absent: the
-- brief does not name it (UNCONFIRMED), which counts as not certified.
local function vdev(name, arch, doc, options, extra)
  local v = { name = name, doc = doc, arch = arch, fields = options or {}, window = 0x1000,
              line = debug.getinfo(2, "l").currentline }
  for k, x in pairs(extra or {}) do v[k] = x end
  return v
end
local both, arm, x86 = { "aarch64le", "x86_64" }, { "aarch64le" }, { "x86_64" }
local hostdev = field("hostdev", words_t, "host device the guest's device connects to (< read-only, > output only)")
local batch = field("batch", count_t, "microseconds to batch output before delivering it")
local delayed = field("delayed", string_t, "wait for the host device: SECONDS or forever")
local sched = field("sched", { type = "oneof", types = { int_t, string_t } }, "priority of the device's thread")
local legacy = field("legacy", bool_t, "use the legacy (pre-1.0) virtio interface")
-- A disk's hostdev: "hostdev [<]host_filename ... the > symbol to specify
-- output isn't supported"
-- (https://qnx.com/developers/docs/8.0/com.qnx.doc.hypervisor.user/topic/vdev_ref/vdev_virtio-blk.html;
-- 7.0 and 7.1 give only [<]). `refuse_prefix`: a value may not start so.
local disk_hostdev = field("hostdev", words_t, "host file or device holding the disk (< read-only; > is not allowed)",
                           { refuse_prefix = ">" })
local certified = "certified"
-- What a guest NIC connects to (virtio-net `to`).
local nic_to_t = { type = "oneof", types = {
  { type = "enum", values = { "host" } },
  { type = "record", fields = {
    field("host", { type = "oneof", types = { bool_t, string_t } },
          "the host: true for a vpN the core allocates, or the interface to use (\"vp2\")"),
    field("bridge", string_t, "the host adds its interface to this bridge of the board (network.bridges)"),
    field("guest", string_t, "another guest of the board"),
    field("nic", string_t, "that guest's NIC (the key of its virtio-net vdev); by default its one NIC "
          .. "that connects back here"),
  } },
} }
-- What backs a guest disk (virtio-blk `disk`).
local disk_t = { type = "record", fields = {
  field("file", string_t, "a disk image file on the host (in its image or on the data partition)"),
  field("device", string_t, "an existing host block device"),
  field("ram", { type = "size" }, "a RAM disk of this size, made by devb-ram on the host"),
  field("loopback", string_t, "a host file the host serves as a disk with devb-loopback"),
  field("prefix", string_t, "a RAM or loopback disk's host device: /dev/PREFIX0 (qvmdisk, qvmdiskb, ... "
        .. "by default)"),
  field("readonly", bool_t, "the guest may only read it (hostdev <...)"),
} }

local vdev_types = {
  -- gicd, its-prealloc: options of the 8.0 vdev gic page
  -- (https://www.qnx.com/developers/docs/8.0/com.qnx.doc.hypervisor.user/topic/vdev_ref/vdev_gic.html),
  -- absent from the 7.0 one (get.qnx.com/developers/docs/7.0.0/.../vdev_ref/vdev_gic.html);
  -- the 7.1 page was not found: gicd on 7.1 is UNCONFIRMED.
  vdev("gic", arm, "ARM GIC interrupt controller (built into qvm)", {
    field("version", int_t, "GIC architecture version: 2 or 3"),
    field("gicc", loc_t, "CPU interface address (GICv2)"),
    field("gicd", loc_t, "distributor address (QNX 8.0; on 7.1 write loc)", { qnx = { "8.0" } }),
    field("gicr", loc_t, "redistributor address (GICv3)"),
    field("its", loc_t, "ITS address (needs num_lpis)"),
    field("msi", string_t, "ADDR,BASE,NUM: MSI frame (GICv2 only)"),
    -- num-lpis "8192 to 65536" (../shared/reference/qnx-hypervisor.md §5, from
    -- the QNX vdev gic page).
    field("num_lpis", { type = "integer", min = 8192, max = 65536 }, "number of LPIs, 8192 to 65536"),
  }, { implicit = true, pic = true, window = 0x10000 }),
  vdev("pl011", arm, "ARM PL011 UART", { hostdev, batch, delayed, sched }, { bus = "mmio", safety = certified }),
  vdev("ser8250", both, "Intel 8250 UART", { hostdev, batch, delayed, sched }, { io_loc = x86, safety = "none" }),
  -- delayed, sched: options of the 7.1 page ("delay opening the device in
  -- the host until it is first referenced by the guest"; "the priority ...
  -- for pulses indicating that input is available on the host device"),
  -- https://www.qnx.com/developers/docs/7.1/com.qnx.doc.hypervisor.user/topic/vdev_ref/vdev_virtio-console.html
  vdev("virtio-console", both, "VirtIO console", { hostdev, legacy, delayed, sched },
       { bus = "pci_or_mmio", safety = certified }),
  -- dio: "enable|disable" on 7.1, "disable|enable|read" on 8.0 (read: direct
  -- I/O for reads only, 8.0); threads: "up to 32", default 1 (7.1, 8.0):
  -- http://www.qnx.com/developers/docs/7.1/com.qnx.doc.hypervisor.user/topic/vdev_ref/vdev_virtio-blk.html,
  -- https://qnx.com/developers/docs/8.0/com.qnx.doc.hypervisor.user/topic/vdev_ref/vdev_virtio-blk.html.
  -- disk: what backs it, so that the core writes hostdev and, for a disk
  -- the host makes, starts its driver (io.disk below); not a qvm option.
  vdev("virtio-blk", both, "VirtIO block device", {
    disk_hostdev, legacy, delayed,
    field("dio", { type = "enum", values = { "enable", "disable", "read" } },
          "direct I/O to the host file: enable, disable, or read (reads only; QNX 8.0)"),
    field("threads", int_t, "I/O threads of the device, 1 to 32"),
    field("disk", disk_t, "what backs the disk, instead of hostdev: exactly one of file, device, ram "
          .. "(a RAM disk the host creates) or loopback (a file the host serves as a disk)"),
  }, { bus = "pci_or_mmio", safety = certified }),
  -- tapdev: "Deprecated." on the 7.0 and 7.1 pages, gone from the 8.0 one;
  -- bind-mode: 7.1 only ("There's no virtio-net configuration option for
  -- setting access permissions, unlike in previous releases", 8.0)
  -- (https://qnx.com/developers/docs/8.0/com.qnx.doc.hypervisor.user/topic/vdev_ref/vdev_virtio-net.html,
  -- http://www.qnx.com/developers/docs/7.1/com.qnx.doc.hypervisor.safety.user/topic/vdev_ref/vdev_virtio-net.html).
  -- peer is mandatory to qvm ("The `peer' option is mandatory", qvm 8.0);
  -- the core writes it from `to` (io.net below), so a recipe gives one or
  -- the other. name: "Set this side of a peer-to-peer networking
  -- connection"; the host reaches the NIC at /dev/qvm/SYSTEM/NAME (8.0 page
  -- above; 7.0 guest2host.html).
  vdev("virtio-net", both, "VirtIO network interface, peer to peer", {
    field("peer", string_t, "the other end: /dev/vdevpeers/vpN, or /dev/qvm/SYSTEM/NAME of another guest "
          .. "(written by the core from `to`)"),
    field("to", nic_to_t, "what the NIC connects to: \"host\" (a vpN the core allocates), "
          .. "{ host = \"vp2\", bridge = \"bridge0\" }, or { guest = \"other\", nic = \"net\" }; "
          .. "the core writes both sides"),
    field("mac", string_t, "MAC address aa:bb:cc:dd:ee:ff (derived from the system and name when not given)"),
    field("peerfeats", { type = "oneof", types = { int_t, string_t } }, "features offered to the peer (0 towards io-pkt)"),
    field("bind_mode", string_t, "bind mode (QNX 7.1 only)", { qnx = { "7.1" } }),
    field("tapdev", string_t, "deprecated: tap device (QNX 7.1 only)", { qnx = { "7.1" } }),
    legacy,
  }, { bus = "pci_or_mmio", safety = certified }),
  vdev("virtio-entropy", both, "VirtIO random number generator", { delayed }, { bus = "pci_or_mmio", safety = "none" }),
  -- Part of the Advanced Virtualization Framework, which the brief lists as
  -- non-certified; that virtio-input belongs to it is UNCONFIRMED.
  vdev("virtio-input", both, "VirtIO keyboard, mouse or touch device (needs Screen on the host)", {},
       { bus = "pci_or_mmio" }),
  vdev("shmem", both, "shared memory between guests, with signalling", {
    field("create", words_t, "NAME,SIZE of a region to create (a list repeats the option)"),
    field("allow", words_t, "shell patterns of regions this guest may use"),
    field("deny", words_t, "shell patterns of regions this guest may not use"),
  }, { bus = "pci_or_mmio", safety = certified }),
  vdev("smmu", both, "virtual SMMU for a guest that runs smmuman", {}),
  vdev("wdt-sp805", arm, "ARM SP805 watchdog", {
    field("frequency", count_t, "counter frequency in Hz (default 25 MHz)"),
    field("action", string_t, "what expiry does: [dump,]terminate or fiq"),
  }, { safety = certified }),
  vdev("wdt-ib700", x86, "IB700 watchdog", { field("action", string_t, "what expiry does: [dump,]terminate") },
       { io_loc = x86, safety = certified }),
  vdev("ioapic", x86, "Intel I/O APIC: the guest's interrupt controller", {
    field("hostvector", count_t, "host vector of the first line"),
  }, { pic = true }),
  -- "x86 only ... It can't be used as a virtual PIC device, but its presence
  -- is required for guest OSs to be able to boot"
  -- (https://qnx.com/developers/docs/8.0/com.qnx.doc.hypervisor.user/topic/vdev_ref/vdev_8259.html;
  -- 7.0 the same). `boot_needs`: a guest of that architecture must have one;
  -- `usual_locs`: the pair QNX's own configurations give (loc 0x20 and 0xa0:
  -- http://www.qnx.com/developers/docs/7.0.0/com.qnx.doc.hypervisor.nonsafety.user/topic/config/qvm_file.html,
  -- mkqnximage's x86_64 guest); that both are needed is UNCONFIRMED.
  vdev("8259", x86, "legacy 8259 PIC (needed to boot; not usable as a PIC)", {},
       { io_loc = x86, boot_needs = x86, usual_locs = { 0x20, 0xa0 } }),
  vdev("timer8254", x86, "Intel 8254 programmable interval timer", {}),
  vdev("mc146818", x86, "MC146818 real-time clock and CMOS", {
    field("reg", words_t, "OFFSET,VALUE of a CMOS register (a list repeats the option)"),
  }, { safety = certified }),
  vdev("hpet", x86, "high-precision event timer", {
    field("frequency", count_t, "counter frequency in Hz (default 14318180)"),
    field("legacy_free", bool_t, "no legacy replacement routing"),
  }, { safety = certified }),
  vdev("pckeyboard", x86, "minimal PC keyboard controller (lets the guest reboot)", {},
       { io_loc = x86, safety = certified }),
  vdev("pci-dummy", x86, "inactive PCI function that exposes IDs", {
    field("clone", string_t, "host PCI function to copy the IDs of"),
    field("reg", words_t, "OFF/SIZE=VAL or NAME=VAL (a list repeats the option)"),
  }),
  vdev("progress", both, "progress device of the QNX host images", {}),
  vdev("vgpu-gvtg", x86, "Intel GVT-g GPU virtualization", {}),
}

-- A vdev type a recipe library declares: vdev_type "NAME" { ... } (a third
-- party's vdev, which qvm loads from vdev-NAME.so like QNX's: "If you
-- specify the same vdev more than once in a VM configuration, the shared
-- object (vdev-*.so) file that implements the vdev is still loaded by the
-- associated qvm process instance only once", QNX 7.1 Virtual Device
-- Reference, https://qdn.qnx.com/developers/docs/7.1/com.qnx.doc.hypervisor.user/topic/vdev_ref/vdev_ref.html).
-- A guest that uses it then validates and renders, and its host gets
-- vdev-NAME.so. An option's type is one of the names below, or a table with
-- `type`, `doc`, `values` (the words an enum takes) and `hex`.
local option_type_t = { type = "enum", values = { "string", "integer", "boolean", "address", "size", "words", "enum" } }
local vdev_decl = {
  type = "record",
  fields = {
    field("doc", string_t, "what the device is"),
    field("arch", { type = "list", of = { type = "enum", values = { "aarch64le", "x86_64" } } },
          "the host architectures it exists on", { required = true }),
    field("bus", { type = "enum", values = { "mmio", "pci_or_mmio" } },
          "how the guest finds it: mmio (loc and intr required), or pci_or_mmio (a PCI device unless loc puts it in memory)"),
    field("window", { type = "size" }, "the size of its register window at loc, for the overlap check (4K by default)"),
    field("options", { type = "map", of = { type = "oneof", types = { option_type_t, { type = "record", fields = {
      field("type", option_type_t, "the option's type: words is a string or a list of them (an option given "
            .. "several times)", { required = true }),
      field("doc", string_t, "what the option does"),
      field("values", strings_t, "the words an enum option takes"),
      field("hex", bool_t, "an address or a size: written in hex"),
    } } } } }, "its own options (loc, intr, name, log, set and size come with every vdev): NAME = TYPE, or "
             .. "NAME = { type = TYPE, doc = ... }"),
  },
}

-- What makes an image boot, beyond its fields (src/core/boot.c reads it).
local boot = {
  -- "For both ARM and x86 platforms, the hypervisor host domain requires
  -- 64-bit hardware"; 8.0 "supports the following 64-bit architectures:
  -- AArch64 on ARMv8 hardware, x86-64 on x86 hardware"
  -- (https://www.qnx.com/developers/docs/8.0/com.qnx.doc.hypervisor.user/topic/virt/support.html;
  -- 7.1: http://www.qnx.com/developers/docs/7.1/com.qnx.doc.hypervisor.user/topic/virt/support.html).
  host_arch = { "aarch64le", "x86_64" },
  -- "We've moved the runtime linker (ldd) out of libc.so. It's now in
  -- ldqnx.so.2 for 32-bit targets, and ldqnx-64.so.2 for 64-bit targets";
  -- put it in /usr/lib, or include it and procmgr_symlink it there; "You
  -- need to include libgcc_s.so.1 in OS images"
  -- (https://qdn.qnx.com/developers/docs/7.1/com.qnx.doc.qnxsdp.migration/topic/buildfiles.html;
  -- 8.0: https://www.qnx.com/developers/docs/8.0/com.qnx.doc.neutrino.building/topic/config/shared_libraries.html).
  -- `qnx`: the releases this holds for (every one the schema knows).
  runtime_linker = {
    qnx = { "7.1", "8.0" },
    name = { aarch64le = "ldqnx-64.so.2", x86_64 = "ldqnx-64.so.2", ["armle-v7"] = "ldqnx.so.2" },
    dir = "/usr/lib",
    libc = "libc.so",
    libgcc = "libgcc_s.so",
  },
  -- A startup option -W arms the board's hardware watchdog (RPi4 startup
  -- main.c, init_wdt.c in sunnnnny484/pi4_hypervisor_host); the buildfile
  -- must then start a kicker: "If startup is given -W parameter then the
  -- wdtkick utility MUST be uncommented below" (the same repo,
  -- images/definitions.m4 and images/rpi4.build; i.MX8 7.1 BSP:
  -- shared/corpus phytec imx8qxp-cpu.build, whose kicker is
  -- wdtkick-sc-imx8). -W is a board option, not one of the generic
  -- startup options (8.0 startup_options.html lists none).
  watchdog = { startup_option = "-W", kickers = { "wdtkick", "wdtkick-sc-imx8" } },
  -- The boot file of a QNX guest's image by the guest's CPU: QNX's guest
  -- buildfiles are [virtual=aarch64le,elf] (7.1 "Configuring guests",
  -- https://www.qnx.com/developers/docs/7.1/com.qnx.doc.hypervisor.user/topic/config/guests.html;
  -- QNX's ARM guest BSP __TYPE__ elf, Qnx_Hypervisor_rbye qnx_guests/images/common-definitions.m4)
  -- and [virtual=x86_64,multiboot] ("[virtual=x86,elf] ... change it to use
  -- multiboot", migration guide above; mkqnximage's x86_64 images).
  guest_format = { aarch64le = { "elf" }, x86_64 = { "multiboot" } },
}

local size_t = { type = "size", hex = true }
local region_t = { type = "oneof", types = { size_t, { type = "record", fields = {
  field("start", addr_t, "guest-physical start"),
  field("size", size_t, "length, with K, M or G", { required = true }),
} } } }
local memory_t = { type = "oneof", types = { size_t, { type = "record", items = region_t, fields = {
  field("start", addr_t, "guest-physical start; without it, after the highest region so far"),
  field("size", size_t, "length, with K, M or G"),
} } } }
local vdev_record = { type = "vdev" }
-- The blob types a load or a pass may have (TYPE load, TYPE pass). acpi:
-- "Available only for x86"
-- (https://get.qnx.com/developers/docs/7.0.0/com.qnx.doc.hypervisor.user/topic/vm/load.html).
-- pass takes a blob type too ("[blob_type] pass", the pass page cited at
-- pass below); that its types are load's is what the .qvmconf reader
-- assumes, UNCONFIRMED (qnx-hypervisor.md §3: "UNCERTAIN").
local blob_t = { type = "enum", values = { "initrd", "data", "fdt", "acpi" }, value_arch = { acpi = x86 } }

-- What a QNX guest's own image holds: the fields of a board's image.
local image_fields = {}

local guest = {
  type = "record",
  fields = {
    field("include", strings_t, "recipes this one builds on, in order"),
    field("description", string_t, "one line about the guest"),
    field("arch", { type = "enum", values = { "aarch64le", "x86_64" } }, "CPU of the guest; the host's by default"),
    field("system", string_t, "VM name (system NAME); the guest's name by default"),
    field("ram", memory_t, "guest RAM: a size, { start = ADDR, size = SIZE }, or a list of regions"),
    field("rom", memory_t, "guest ROM: a size, { start = ADDR, size = SIZE }, or a list of regions"),
    field("reserve", { type = "list", of = { type = "record", fields = {
      field("loc", loc_t, "a region qvm must not allocate: mem:ADDR,LEN, io:PORT[,LEN] or pci:B:D[.F]"),
      field("intr", { type = "oneof", types = { int_t, string_t } }, "an interrupt qvm must not allocate"),
    } } }, "regions and interrupts qvm must not allocate"),
    field("cpu", { type = "oneof", types = { cpus_t, { type = "list", of = { type = "record", fields = {
      field("sched", { type = "oneof", types = { int_t, string_t } }, "priority[policy] of the vCPU thread, e.g. 10 or \"10r\""),
      field("runmask", { type = "oneof", types = { string_t, { type = "list", of = count_t } } },
            "host CPUs the vCPU may run on (QNX 7.1)", { qnx = { "7.1" } }),
      field("partition", string_t, "APS partition of the vCPU (QNX 7.1)", { qnx = { "7.1" } }),
      field("cluster", string_t, "CPU cluster of the vCPU (QNX 8.0)", { qnx = { "8.0" } }),
    } } } } }, "vCPUs: a count, or one table per vCPU"),
    field("load", { type = "list", of = { type = "oneof", types = { string_t, { type = "record", items = string_t,
      min_items = 1, max_items = 1, fields = {
        field("type", blob_t, "blob type (acpi: x86_64 only)"),
        field("addr", addr_t, "guest address to load at"),
      } } } } }, "files copied into guest memory; a QNX guest loads its own image by default"),
    -- "A quoted string may run over several lines" in a .qvmconf, and QNX's
    -- Linux example breaks its command line so (qnx-hypervisor.md §2).
    field("cmdline", { type = "string", multiline = true }, "kernel command line"),
    -- pass: "[blob_type] pass [loc options] [intr guest_intr[=vector_number]]";
    -- loc "[{mem:|io:}]region,length,{+|-|r|w|x|c|e|m|d|n|s|t}[,=host_location]"
    -- (https://www.qnx.com/developers/docs/8.0/com.qnx.doc.hypervisor.user/topic/vm/pass.html;
    -- 7.0: "mem:0x2000,r=0x1000", http://www.qnx.com/developers/docs/7.0.0/com.qnx.doc.hypervisor.user/topic/vm/pass.html).
    field("pass", { type = "list", of = { type = "oneof", types = { string_t, { type = "record", fields = {
      field("device", string_t, "a device of the board, given whole (its loc and intr, which loc or intr "
            .. "here replace: intr = \"gic:44\" sets the guest's interrupt)"),
      field("loc", string_t, "[mem:]ADDR,LEN,ATTRS[=HOST], io:PORT,LEN or pci:..."),
      field("intr", string_t, "PIC:N[=HOSTVECTOR]"),
      field("type", blob_t, "blob type of host data passed to the guest (as load's)"),
    } } } } }, "pass-through: a device of the board by name, { device = NAME, intr = ... }, or "
      .. "{ loc = ..., intr = ... } (a loc over a board device's registers gives that device)"),
    -- The variables of type address: host-paddr-gicd, -gich and -gicv
    -- (../shared/reference/qnx-hypervisor.md §4, from the QNX qvm
    -- documentation and a public qvmconf).
    field("set", { type = "map", of = { type = "oneof", types = { string_t, int_t, bool_t } },
                   hex_names = { "host_paddr_gicd", "host_paddr_gich", "host_paddr_gicv" }, key_ident = true },
          "qvm variables (set NAME VALUE); write names with _ for -"),
    field("logger", { type = "list", of = { type = "record", items = { type = "enum",
      values = { "fatal", "internal", "error", "warn", "info", "debug", "verbose" } }, min_items = 1, fields = {
        field("dest", { type = "enum", values = { "stdout", "stderr", "slog", "none" } }, "where the messages go",
              { required = true }),
      } } }, "qvm's own messages: { \"error\", \"warn\", dest = \"slog\" }"),
    field("unsupported", { type = "record", fields = {
      field("instruction", { type = "enum", values = { "abort", "fail", "ignore" } }, "on an instruction qvm cannot emulate"),
      field("reference", { type = "enum", values = { "abort", "fail", "ignore" } }, "on a reference to nothing"),
      field("register", { type = "enum", values = { "abort", "fail", "ignore" } }, "on a register qvm cannot emulate"),
    } }, "what qvm does when emulation fails"),
    field("tolerance", count_t, "timer notification tolerance in microseconds"),
    field("dump", string_t, "where a guest dump goes: a directory or \"|command\""),
    -- QHS "safety": none loads the -safety variant if found, else the other
    -- silently; warn the same with a warning; required refuses a component
    -- without one (the QHS default). qvm picks the file itself: the
    -- configuration names the vdev as always
    -- (https://qdn.qnx.com/developers/docs/7.1/com.qnx.doc.hypervisor.safety.user/topic/vm/safety.html).
    field("safety", { type = "enum", values = { "none", "warn", "required" } },
          "on a QHS host, a vdev QNX certifies no safety variant of: none or warn (with a warning) runs it, "
          .. "required (the QHS default) refuses it"),
    field("debug", bool_t, "enable qvm's guest debugging (a bare debug)"),
    field("vdevs", { type = "map", of = vdev_record },
          "virtual devices by instance name: { \"TYPE\", option = value, ... }"),
    field("ifs", { type = "record", fields = image_fields },
          "a QNX guest's own image, like a board's: it renders guests/NAME/NAME.build"),
    field("host_files", { type = "map", of = file_t },
          "files the host image holds for this guest (kernels, disks), by their path in the host"),
    field("autostart", bool_t, "the host's startup script starts the guest", { default = true }),
    -- qvm's command line: "qvm @mainline-guest.qvmconf set fdt-dump-file
    -- /tmp/fdt.dtb dryrun" -- @files and options mixed, later ones after
    -- earlier ones (../shared/reference/qnx-hypervisor.md §1, QNX's VM
    -- configuration pages; set: "set var val",
    -- https://qnx.com/developers/docs/8.0/com.qnx.doc.hypervisor.user/topic/vm/variables.html).
    -- pri and sched_aps are the script line's modifiers [pri=...] and
    -- [sched_aps=...] (QNX 7.1 Building Embedded Systems, "Script files",
    -- nto_script.html; /work/notes/facts-12.md §3).
    field("launch", { type = "record", fields = {
      field("pri", { type = "oneof", types = { int_t, string_t } },
            "priority and policy of qvm ([pri=...] on its script line), e.g. 20 or \"20r\""),
      field("sched_aps", string_t, "the APS partition qvm starts in ([sched_aps=NAME])"),
      field("files", strings_t, "more configuration files qvm reads after the guest's own (@FILE each)"),
      field("set", { type = "map", of = { type = "oneof", types = { string_t, int_t, bool_t } } },
            "qvm variables set on its command line, after the files (set NAME VALUE; _ for -)"),
      field("dryrun", bool_t, "qvm checks the configuration and exits without starting the guest"),
    } }, "how the host's script starts qvm for this guest"),
    -- QNX's Raspberry Pi 4 guide keeps the guests on a QNX6 data partition
    -- beside the host image and starts them from there: "cd
    -- /guests/qnx-guest", "qvm @qnx800-guest-1.qvmconf" (gitlab.com/qnx/hypervisor/getting-started,
    -- copied in PM-Maestro-ITI-GP-Org/Qnx_Hypervisor_rbye: README,
    -- qnx_host/images/part_qnx_data.build).
    field("partition", bool_t, "the guest lives on the board's data partition: its configuration, image and "
          .. "host_files go there (listed in BOARD-data.build), not into the host image"),
    field("partition_files", { type = "map", of = string_t },
          "files of this guest on the data partition, by their path on the host: the file each comes from"),
  },
}

local board = {
  type = "record",
  fields = {
    field("include", strings_t, "recipes this one builds on, in order"),
    field("description", string_t, "one line about the board, shown in the header"),
    field("arch", { type = "enum", values = { "aarch64le", "x86_64", "armle-v7" } },
          "CPU of the host image ([virtual=ARCH,...])", { required = true, boot = true }),
    field("qnx", { type = "enum", values = { "7.1", "8.0" } }, "QNX SDP release the image is for", { default = "7.1" }),
    field("ram", { type = "size" }, "RAM of the board: the guests' RAM together must fit in it"),
    field("cpus", cpus_t, "number of CPUs of the board: a vCPU's runmask may name only these"),
  },
}

-- Fields a board and a guest's image share.
local image_only = {
    field("image", {
      type = "record",
      fields = {
        -- "A bootstrap file is required only if the image is to be bootable"
        -- and mkifs puts relative names under proc/boot only in a bootable
        -- image (../shared/reference/mkifs-buildfile.md 3.1, 4; the QNX 6.4
        -- mkxfs source): a second IFS of files and attribute lines only
        -- (a QNX 6.5 fragment there; shared/corpus gvergine test1.build).
        field("bootable", bool_t, "false: an image without a bootstrap (a second IFS of files only): no arch, "
              .. "format, startup or kernel"),
        field("base", addr_t, "where the image starts in memory ([image=...])"),
        field("format", { type = "enum", values = { "raw", "binary", "elf", "srec", "bios", "multiboot", "uefi",
                                                   "raw64k", "binary64k", "elf64k", "srec64k" } },
              "boot file of the image ([virtual=ARCH,FORMAT])", { required = true, boot = true }),
        field("compress", { type = "oneof", types = { bool_t, int_t } },
              "compress the image: true, false, or 1 (zlib), 2 (LZO), 3 (UCL)"),
        field("bootname", { type = "string", nonempty = true }, "name of the bootstrap file in the buildfile",
              { default = "boot", boot = true }),
        field("scriptname", { type = "string", nonempty = true }, "name of the startup script in the buildfile",
              { default = "startup-script" }),
      },
    }, "the image as a whole", { required = true }),
    field("attributes", { type = "record", fields = file_attributes },
          "attributes for every entry of the image: one global attribute line"),
    field("startup", command_t, "the startup program and its options: the first line of the bootstrap",
          { required = true, boot = true }),
    field("bootstrap", { type = "list", of = boot_line_t },
          "lines of the bootstrap between startup and procnto, in order: { env = { NAME = value } } sets "
          .. "variables for every program started below (procnto and the script's), { ATTR = value } "
          .. "sets attributes for every entry below", { boot = true }),
    field("kernel", command_t, "procnto and its options: the last line of the bootstrap",
          { required = true, boot = true }),
    -- "varname=value progname arguments... creates a local variable and adds
    -- varname=value only to the environment of that one process"; procnto
    -- sets _CS_PATH and _CS_LIBPATH from its PATH and LD_LIBRARY_PATH (QNX
    -- 8.0 Building Embedded Systems, "Environment variables":
    -- https://www.qnx.com/developers/docs/8.0/com.qnx.doc.neutrino.building/topic/buildfiles/nto_buildfile_envars.html).
    field("env", { type = "map", of = { type = "oneof", types = { string_t, strings_t } }, key_ident = true },
          "variables on procnto's own line: its environment only, and PATH and LD_LIBRARY_PATH give "
          .. "_CS_PATH and _CS_LIBPATH (a list is joined with ':'); for every program, see bootstrap",
          { boot = true }),
    field("script", { type = "list", of = script_line_t }, "the startup script, one entry per line"),
    field("files", { type = "map", of = file_t }, "the files of the image, keyed by their path in the image"),
    -- "[attrs] on a line by itself changes the defaults for every following
    -- entry, for the rest of the buildfile" (../shared/reference/mkifs-buildfile.md
    -- 3.2, from QNX's Buildfile syntax pages and the 6.4 mkxfs source); a
    -- real host puts [uid=0 gid=0] after its script, for its files only
    -- (issue 16). A target listed twice is two entries of the image.
    field("groups", { type = "map", of = { type = "record", fields = {
      field("attributes", { type = "record", fields = file_attributes },
            "the attribute line written before the group's files: it holds for them and every entry after them"),
      field("files", { type = "map", of = file_t }, "the group's files, keyed by their path in the image"),
    } } }, "files after 'files', in groups, in order: each group's attribute line, then its files; a group "
           .. "without attributes only comes after the earlier ones (a target may then be listed again)"),
}
image_fields[#image_fields + 1] = field("arch", { type = "enum", values = { "aarch64le", "x86_64" } },
                                        "CPU of the guest image; the guest's by default")
for _, f in ipairs(image_only) do
  board.fields[#board.fields + 1] = f
  image_fields[#image_fields + 1] = f
end
for _, f in ipairs {
    field("hypervisor", {
      type = "record",
      fields = {
        field("enable", bool_t, "this image is a QNX Hypervisor host", { default = false }),
        field("safety", bool_t, "use the safety-certified hypervisor (QHS): qvm-safety, aps-safety, the -safety "
              .. "kernel, and the -safety file of each vdev QNX certifies", { default = false }),
        -- QNX 8.0 "Configuring the hypervisor host": "-Q enable ... enables
        -- the best supported hardware virtualization mode"; on AArch64
        -- el2-host turns on VHE, el1-host runs the host at EL1
        -- (https://www.qnx.com/developers/docs/8.0/com.qnx.doc.hypervisor.user/topic/config/hyp.html).
        -- The startup library refuses el2-host on a CPU without VHE and
        -- picks EL2 with VHE, else EL1, for a plain enable
        -- (PM-Maestro-ITI-GP-Org/Qnx_Hypervisor_rbye,
        -- qnx_host/src/hardware/startup/lib/aarch64/hypervisor.c): so no mode
        -- is the safe default.
        field("host_mode", { type = "enum", values = { "el2", "el1" } },
              "QNX 8.0 on aarch64: force the host to EL2 (VHE, ARMv8.1 and later) or EL1: startup gets "
              .. "-Q enable,el2-host or el1-host; without it, -Q enable: the best mode the CPU has"),
        field("config_dir", string_t, "folder of the guests' .qvmconf files in the image", { default = "/vm/config" }),
        field("image_dir", string_t, "folder of the guests' images in the image", { default = "/vm/images" }),
        -- QNX's RPi4 host carries vdev libraries for guests started by hand
        -- from its data partition (Qnx_Hypervisor_rbye
        -- qnx_host/images/rpi4-hypervisor.build, "Hypervisor Virtual
        -- Devices"): declared here, they are not "unused".
        field("vdevs", strings_t, "vdev types the host carries for guests it starts by hand (vdev-TYPE.so "
              .. "each)"),
      },
    }, "the hypervisor host"),
    field("guests", strings_t, "the guests this host runs: guest recipe names"),
    field("devices", { type = "map", of = { type = "record", fields = {
      field("doc", string_t, "what the device is"),
      field("loc", words_t, "its memory, I/O or PCI location as a guest's pass loc gives it"),
      field("intr", words_t, "its interrupt as a guest's pass intr gives it"),
      field("driver", { type = "record", fields = {
        field("programs", strings_t, "the host programs that drive it: their script lines leave the host"),
        field("files", strings_t, "the image entries of the driver: they leave the host"),
      } }, "the host driver, taken out when a guest is given the device"),
    } } }, "devices a guest may be given by name (pass-through)"),
    field("network", { type = "record", fields = {
      field("bridges", { type = "map", of = strings_t },
            "bridges the host creates: NAME = the board's network interfaces in it; a guest NIC joins "
            .. "one with to.bridge"),
    } }, "the host's side of the guests' networks"),
    -- "The only mandatory environment variable is PCI_HW_MODULE", set in the
    -- [envars] section of pci-server's configuration (--config=FILE)
    -- (https://www.qnx.com/developers/docs/7.1/com.qnx.doc.pci_server/topic/envars.html);
    -- "installed in /etc/system/config/pci/ on your target"
    -- (https://www.qnx.com/developers/docs/8.0/com.qnx.doc.pci_server/topic/config.html).
    field("pci", { type = "record", fields = {
      field("hw_module", string_t, "the board's PCI hardware module (PCI_HW_MODULE), e.g. pci_hw-Intel_x86.so",
            { required = true }),
      field("config", string_t, "where pci-server's configuration goes in the image",
            { default = "/etc/system/config/pci/pci_server.cfg" }),
      field("settings", { type = "map", of = { type = "map", of = { type = "oneof", types = { string_t, int_t } } } },
            "more of that configuration, by section: { buscfg = { DO_BUS_CONFIG = \"no\" } }"),
    } }, "the board has PCI: pci-server and its configuration"),
    -- smmuman: "smmuman @/etc/myx86.smmu" in the startup script,
    -- /lib/dll/smmu-vtd.so in the image
    -- (https://www.qnx.com/developers/docs/7.1/com.qnx.doc.smmuman.user/topic/use/start.html);
    -- "set the smmu option's smmu_type argument to the name of the support
    -- library" (smmu-armsmmu.so: smmu armsmmu,
    -- https://get.qnx.com/developers/docs/7.0.0/com.qnx.doc.smmuman.user/topic/use/arm.html).
    field("smmu", { type = "record", fields = {
      field("type", string_t, "the SMMU's support library type: smmuman loads smmu-TYPE.so (rcar3, armsmmu, vtd)",
            { required = true }),
      field("config", string_t, "the smmuman configuration in the image (smmuman @FILE)", { required = true }),
      field("source", string_t, "the host file that configuration comes from (else the board's files hold it)"),
    } }, "the board's IOMMU/SMMU: smmuman runs when a guest is given a device that does DMA"),
    field("data_partition", { type = "record", fields = {
      field("mount", string_t, "where the host mounts it", { default = "/" }),
      field("dir", string_t, "the guests' folder on it, below the mount: each guest in DIR/NAME",
            { default = "guests" }),
      field("device", string_t, "the block device it is on: the host waits for it and mounts it before the "
            .. "guests start (else the board's script mounts it)"),
      field("type", string_t, "its file system, for mount -t", { default = "qnx6" }),
      field("files", { type = "map", of = string_t },
            "files on it, by their path on the host: the file each comes from (the guests' are added)"),
    } }, "a file system beside the host image that holds guests: render -o writes BOARD-data.build, "
      .. "what goes on it, for mkqnx6fsimg"),
} do board.fields[#board.fields + 1] = f end

-- What the core knows of images beyond their fields: the closure check
-- (src/core/closure.c) and the host-file lookup (src/load/hostfs.c) read it.
local images = {
  -- Each image CPU as its ELF files name it: e_machine from the System V ABI
  -- registry as glibc's <elf.h> lists it (EM_ARM 40, EM_X86_64 62,
  -- EM_AARCH64 183), the class (ELFCLASS32/64) and the byte order (the "le"
  -- of aarch64le and armle-v7; x86_64 is little-endian).
  -- phys_bits: the widest physical address the architecture has, which
  -- bounds every address and size of a recipe (image.base, RAM, a vdev's
  -- loc). AArch64: ID_AA64MMFR0_EL1.PARange goes up to 0b0110, "52 bits,
  -- 4PiB", with ARMv8.2-LPA (Arm ARM, as the cortex-a crate documents the
  -- register: docs.rs/cortex-a, registers::ID_AA64MMFR0_EL1::PARange).
  -- x86-64: "MAXPHYADDR is at most 52" (Intel SDM Vol. 3A §4.1.4). ARMv7 with
  -- LPAE: "the physical address mask is 40-bit" (Linux, ARM: 7077/1 LPAE).
  arch = {
    aarch64le = { elf_machine = 183, elf_class = 64, big_endian = false, phys_bits = 52 },
    x86_64 = { elf_machine = 62, elf_class = 64, big_endian = false, phys_bits = 52 },
    ["armle-v7"] = { elf_machine = 40, elf_class = 32, big_endian = false, phys_bits = 40 },
  },
  -- The commands procnto runs itself in a boot script: "Internal commands
  -- are commands that mkifs recognizes and are not loaded from the host's
  -- filesystem" (QNX SDP 7.1, Building Embedded Systems, "Scripts",
  -- nto_script.html; the 7.1 and 8.0 waitfor pages: "The process manager has
  -- an internal version of waitfor"). The same five, and no other, are the
  -- script records of mkifs (parse_script_cmd in the QNX 6.4 mkxfs source,
  -- vocho/openqnx utils/m/mkxfs/mkxfs/mkxfs.c); [+external] runs a program
  -- of that name instead.
  script_commands = { "display_msg", "procmgr_symlink", "reopen", "sched_aps", "waitfor" },
  -- Programs that may start a file system, after which the script may run
  -- a program, and qvm may load a file, that the image does not hold: the
  -- closure check then warns instead of failing. mount (QNX SDP 8.0 User's
  -- Guide, "Mounting and unmounting filesystems"); the devb-* block
  -- drivers, which mount the partitions they find (io-blk.so, automount:
  -- "The default is partition"); the fs-* file system managers started as
  -- programs (fs-nfs3, whose example mounts an NFS export as /bin); the
  -- devf-* flash file system drivers (User's Guide, "Flash filesystems");
  -- and a shell script, which may run any of these. A pattern holds one '*'
  -- at its start or end.
  filesystem_starters = { "mount", "devb-*", "fs-*", "devf-*", "*.sh" },
  -- A shell given an argument (a script, -c) may run them too; a shell
  -- without one is the console's, which runs what a person types.
  shells = { "ksh", "sh" },
  -- Where mkifs looks for a host file when MKIFS_PATH is not set, below
  -- ${QNX_TARGET}/${PROCESSOR}, after the current folder for a relative
  -- name with a '/' (QNX SDP 7.1, Building Embedded Systems, "Including
  -- files in the image", nto_files_default_paths.html, which lists these
  -- folders by kind; the order is the one of the 6.6 page "Including files
  -- from different places" and of the 6.4 mkxfs source).
  search = { "sbin", "usr/sbin", "boot/sys", "bin", "usr/bin", "lib", "lib/dll", "usr/lib" },
}

-- How the core wires a guest's devices to the host: the commands it adds
-- to the host's startup script and the files it adds to the host's image
-- (src/core/wire*.c read it). A command is a list of words; {NAME} in a word
-- is filled in by the core; a list inside a command repeats for each member
-- ({ "addm", "{member}" }); bg = true runs it in the background. Programs
-- are added to the image by their name (they land in /proc/boot);
-- `only_for_guests`: files the host has only for its guests, left out (with
-- a warning) when no guest uses them.
local io = {
  net = {
    -- The guest NIC's peer is the host interface's bind path
    -- /dev/vdevpeers/vpN; the host's peer is the guest NIC's node
    -- /dev/qvm/SYSTEM/NAME: guest "vdev virtio-net ... mac aa:aa:aa:aa:aa:aa
    -- name p2p peer /dev/vdevpeers/vp0" with host "io-pkt-v6-hc -d
    -- vdevpeer-net peer=/dev/qvm/qnx7-arm-guest/p2p,bind=/dev/vdevpeers/vp0,mac=a0b0c0d0e0f0"
    -- (https://get.qnx.com/developers/docs/7.0.0/com.qnx.doc.hypervisor.user/topic/network/guest2host.html);
    -- "vpctl vp0 peer=/dev/qvm/qnx-guest-1/guest_to_host bind=/dev/vdevpeers/vp0"
    -- (QNX's RPi4 host, Qnx_Hypervisor_rbye qnx_host/images/rpi4-hypervisor.build);
    -- guest to guest: "peer /dev/qvm/guest_2/guest_to_guest" on one side,
    -- "peer /dev/qvm/guest_1/guest_to_guest" on the other (its guest
    -- configurations qnx_guests/images/guest-*/qnx-guest-*.qvmconf).
    bind_dir = "/dev/vdevpeers",
    qvm_dir = "/dev/qvm",
    interface = "vp",
    -- A MAC the recipe does not give is made from the system and NIC names:
    -- "mac aa:aa:aa:aa:aa:aa: The locally-assigned MAC address of the node"
    -- (7.0 guest2host.html above), so the locally administered, unicast
    -- first octet of IEEE 802 (U/L bit set, I/G bit clear): 0x02.
    mac_first_octet = 2,
    versions = {
      -- devnp-vdevpeer-net.so: "io-pkt-v4-hc -d vdevpeer-net
      -- [peer=path,option[,option...][,peer=path,option,...]]", io-pkt-v6-hc
      -- the same, "mac=XXXXXXXXXXXX MAC address of this peer", "bind=path
      -- Path of the network interface for this driver instance"
      -- (http://www.qnx.com/developers/docs/7.1/com.qnx.doc.hypervisor.user/topic/utils/devnp-vdevpeer-net.so.html);
      -- one -d vdevpeer-net with a peer=...,bind=... per guest
      -- (https://www.qnx.com/developers/docs/7.1/com.qnx.doc.hypervisor.user/topic/network/network.html);
      -- "ifconfig vp0 up" (7.0 guest2host.html). Bridges: "brconfig bridge
      -- add interface ... up: Start forwarding packets on the bridge"
      -- (http://www.qnx.com/developers/docs/7.0.0/com.qnx.doc.neutrino.utilities/topic/b/brconfig.html);
      -- the bridge itself made by "ifconfig bridge0 create" is UNCONFIRMED
      -- on a QNX page (it is how NetBSD's brconfig(8), io-pkt's, does it).
      ["7.1"] = {
        stacks = { "io-pkt-v4-hc", "io-pkt-v6-hc" },
        start = { "io-pkt-v6-hc" },
        driver = { "-d", "vdevpeer-net" },
        peer = "peer={peer},bind={bind},mac={hostmac}",
        setup = { { "ifconfig", "{if}", "up" } },
        bridge = { { "ifconfig", "{bridge}", "create" }, { "brconfig", "{bridge}", { "add", "{member}" }, "up" } },
        files = { "devnp-vdevpeer-net.so", "ifconfig" },
        only_for_guests = { "devnp-vdevpeer-net.so" },
        bridge_files = { "brconfig" },
      },
      -- mods-vdevpeer-net.so: "io-sock -m vdevpeer-net"; "you can create
      -- and destroy interfaces as required using ifconfig ... ifconfig vp0
      -- create"; "Use the vpctl utility to configure the interfaces to work
      -- with a peer" (https://www.qnx.com/developers/docs/8.0/com.qnx.doc.neutrino.utilities/topic/m/mods-vdevpeer-net.so.html).
      -- QNX's RPi4 host waits for the module ("waitfor
      -- /dev/io-sock/mods-vdevpeer-net.so"), then "ifconfig vp0 create",
      -- "vpctl vp0 peer=... bind=...", and bridges with "ifconfig bridge0
      -- create up addm genet0" (rpi4-hypervisor.build above); mkqnximage's
      -- host binds the peer before it starts qvm.
      ["8.0"] = {
        stacks = { "io-sock" },
        start = { "io-sock" },
        driver = { "-m", "vdevpeer-net" },
        ready = { "waitfor", "/dev/io-sock/mods-vdevpeer-net.so" },
        setup = { { "ifconfig", "{if}", "create", "up" }, { "vpctl", "{if}", "peer={peer}", "bind={bind}" } },
        bridge = { { "ifconfig", "{bridge}", "create", "up", { "addm", "{member}" } } },
        files = { "mods-vdevpeer-net.so", "vpctl", "ifconfig" },
        only_for_guests = { "mods-vdevpeer-net.so", "vpctl" },
        bridge_files = {},
      },
    },
  },
  -- Disks the host makes: "devb-ram ram capacity=262144 disk name=qvmdisk"
  -- gives /dev/qvmdisk0 (QNX's RPi4 host above, "Creating example ram disks
  -- for guests to use"; capacity in blocks of 512 bytes by default,
  -- https://www.qnx.com/developers/docs/7.1/com.qnx.doc.neutrino.utilities/topic/d/devb-ram.html);
  -- "devb-loopback loopback blksz=512,prefix=qvmdisk,fd=FILE" then "waitfor
  -- /dev/qvmdisk0" (mkqnximage's hypervisor host; prefix= and fd=,
  -- https://qnx.com/developers/docs/8.0/com.qnx.doc.neutrino.utilities/topic/d/devb-loopback.html).
  -- The block drivers' libraries as QNX's RPi4 host carries them ("Block
  -- driver support libraries").
  disk = {
    prefix = "qvmdisk",
    device = "/dev/{prefix}0",
    block = 512,
    ram = { "devb-ram", "ram", "capacity={blocks}", "disk", "name={prefix}" },
    loopback = { "devb-loopback", "loopback", "blksz=512,prefix={prefix},fd={file}" },
    wait = { "waitfor", "{dev}" },
    support = { { "/lib/dll/io-blk.so", "io-blk.so" }, { "/lib/dll/cam-disk.so", "cam-disk.so" },
                { "/lib/libcam.so", "libcam.so" } },
  },
  -- "If your hypervisor system will pass through PCI devices, you must
  -- include the pci_server-qvm_support.so module in your hypervisor host"
  -- (https://www.qnx.com/developers/docs/7.1/com.qnx.doc.hypervisor.user/topic/config/hyp.html).
  -- PCI modules (pci_server-* among them) are "in /lib/dll/pci/ on your
  -- target. You must add the latter path to your LD_LIBRARY_PATH"
  -- (http://www.qnx.com/developers/docs/7.0.0/com.qnx.doc.pci_server/topic/overview.html);
  -- QNX's images take them from pci/ below lib/dll
  -- ("/lib/dll/pci/pci_hw-bcm2711-rpi4.so=pci/pci_hw-bcm2711-rpi4.so",
  -- rpi4-hypervisor.build above), start "pci-server ... &" then "waitfor
  -- /dev/pci", and give PCI_HW_MODULE in [envars] of the --config file.
  -- "The PCI server can load other optional modules, each with its own set
  -- of arguments ... see ... pci_server-template.cfg"
  -- (https://www.qnx.com/developers/docs/7.1/com.qnx.doc.neutrino.utilities/topic/p/pci-server.html):
  -- the line of that file that names a module is UNCONFIRMED (the template
  -- is not public), so the core writes none: pci.settings carries it.
  pci = {
    module_dir = "/lib/dll/pci",
    source_dir = "pci",
    qvm_support = "pci_server-qvm_support.so",
    hw_variable = "PCI_HW_MODULE",
    hw_section = "envars",
    server = "pci-server",
    config_option = "--config={config}",
    start = { { "pci-server", "--config={config}", bg = true }, { "waitfor", "/dev/pci" } },
  },
  -- "d Device uses DMA. If you're using smmuman to manage DMA, you must
  -- specify either this attribute or n"; "m Usable as system memory
  -- (implicitly specifies +rwxcstn). If you specify this attribute, you must
  -- not specify d" (8.0 pass.html). smmuman and its support library:
  -- "smmuman @/etc/myx86.smmu", "/lib/dll/smmu-vtd.so = smmu-vtd.so"
  -- (7.1 smmuman start.html); the safety variants "smmuman-safety",
  -- "smmu-rcar3-safety.so", "smmu-armsmmu-safety.so" (SMMUMAN User's Guide,
  -- https://www.qnx.com/developers/docs/7.1/com.qnx.doc.smmuman.user/topic/arch/components.html,
  -- .../topic/use/rcar.html). That a PCI pass-through counts as DMA-capable
  -- is inferred (PCI devices master the bus; the pass flags "are not used"
  -- for pci:, 7.0 pass.html).
  smmu = {
    program = "smmuman",
    safety_suffix = "-safety",
    start = { "{program}", "@{config}" },
    module = "/lib/dll/smmu-{type}{suffix}.so",
    dma = "d",
    no_dma = "n",
    memory = "m",
  },
  -- The data partition: QNX's RPi4 host waits for it and mounts it ("waitfor
  -- /dev/sd0t179", "mount -t qnx6 /dev/sd0t179 /"), and its guide starts a
  -- guest with "cd /guests/qnx-guest" then "qvm @qnx800-guest-1.qvmconf"
  -- (rpi4-hypervisor.build and README above); the partition's contents are a
  -- mkqnx6fsimg buildfile ("/guests/guest-1/qnx-guest.ifs = ...",
  -- qnx_host/images/part_qnx_data.build). A startup script is no shell (its
  -- own commands are display_msg, procmgr_symlink, reopen, sched_aps and
  -- waitfor, 7.1 nto_script.html): the cd runs in ksh.
  partition = {
    mount = { { "waitfor", "{device}" }, { "mount", "-t", "{type}", "{device}", "{mount}" } },
    -- /bin/mount, and the file system's library ("/lib/dll/fs-qnx6.so",
    -- QNX's RPi4 host, "Block driver support libraries").
    files = { "mount" },
    support = { { "/lib/dll/fs-{type}.so", "fs-{type}.so" } },
    start = { "ksh", "-c", "cd {dir} && {qvm}" },
  },
}

-- What the board definitions file of a QNX SDP 8.0 BSP says, and how QNX's
-- build template turns it into a buildfile (src/formats/bspdefs.c reads
-- this; `mkbuildfile import DEFS`). A BSP's images/Makefile sets
-- BUILD_TEMPLATE to Templates_build_sdp800 and includes its template.mk,
-- which runs m4 over a generic buildfile with the board's definitions.m4
-- (RPi4 BSP_raspberrypi-bcm2711-rpi4_be-800 as published in
-- sunnnnny484/pi4_hypervisor_host, images/Makefile). The template itself is
-- not public: what it does is read here off four buildfiles QNX generated
-- from public definitions files, which agree with one another:
--   RPi4 images/rpi4.build (sunnnnny484/pi4_hypervisor_host @73c089f),
--   RPi5 images/rpi5.build (qnx/bsp_raspberrypi-bcm2712-rpi5 @fccfad4),
--   i.MX8M Plus EVK images/imx8mp-evk.build (KozhinovAlexander/qnx8-bsp-stm32mp257f-dk,
--     bsp/com.qnx.qnx800.bsp.hw.nxp_imx8mp_evk_0.0.2.00094T202401181553L, @2cd3bae),
--   the ARMv8 guest qnx_guests/images/guest-1/qnx800-guest-1.build
--     (PM-Maestro-ITI-GP-Org/Qnx_Hypervisor_rbye @ecdebb3),
-- and QNX's RPi4 boot log in its hypervisor getting-started guide ("Starting
-- wdtkick ... / Starting I2C driver ... / Starting PCI Server ... / Starting
-- serial driver ..."). Every text here is m4, expanded with the board's
-- macros as the template expands its own.
local bsp = {
  -- The template of SDP 8.0 (Templates_build_sdp800).
  qnx = "8.0",
  -- What every definitions file defines: without them the template makes
  -- no bootstrap.
  required = { "__ARCH__", "__TYPE__", "__STARTUP__", "__PROCNTO__" },
  -- The image and its bootstrap: [image=__BOOT_ADDR__], [virtual=__ARCH__,
  -- __TYPE__ __COMPRESS_ATTR__] and the two bootstrap lines, PATH and
  -- LD_LIBRARY_PATH as every generated image has them (the i.MX8MP one appends
  -- __GRAPHICS_LIB_PATH__; [+keeplinked] is global in the generated images;
  -- dnl joins the lines).
  bootstrap = [[
ifdef(`__BOOT_ADDR__', `[image=__BOOT_ADDR__]')
[virtual=__ARCH__,__TYPE__ ifdef(`__COMPRESS_ATTR__', `__COMPRESS_ATTR__')] boot = {
    [+keeplinked] __STARTUP__ ifdef(`__STARTUP_OPTS__', `__STARTUP_OPTS__')
    [+keeplinked] PATH=/proc/boot:/sbin:/bin:/usr/bin:/usr/sbin:/usr/libexec dnl
LD_LIBRARY_PATH=/proc/boot:/lib:/usr/lib:/lib/dll:/lib/dll/pci`'ifdef(`__GRAPHICS_LIB_PATH__', `:__GRAPHICS_LIB_PATH__') dnl
__PROCNTO__ ifdef(`__PROCNTO_OPTS__', `__PROCNTO_OPTS__')
}
]],
  -- Macros of the template that definitions files use in their own
  -- values. __I2C_COMMON_START__ (used by the J722S definitions): the I2C
  -- block of the RPi4 and i.MX8MP images, a driver line per element of
  -- __I2C_OPTS__. __NET_COMMON_START__ (used by the AM62P, J722S and guest
  -- definitions): the guest image shows it is the network block, io-sock
  -- -m phy with __NET_OPTS__ (then the template's DHCP, ssh, devc-pty and
  -- qconn, which a board recipe leaves out). __NET_PCI_OPTS__ and
  -- __NET_USB_OPTS__: the template's drivers of PCI and USB network
  -- adapters (-m pci -d em -d ix -d re [-d igc], -m usb -d axe -d axge -d
  -- cdce -d smsc in the images), not the board's: empty here.
  -- __PCI_COMMON_START__ (used by the x86_64 definitions): its text is not
  -- in any generated image found; this is the PCI block of the RPi4
  -- definitions and of the x86_64 ones' __BOARD_EARLY_START__: UNCONFIRMED.
  -- foreach(NAME, TEXT, ITEM...), which the i.MX8MP and x86_64 definitions
  -- call, is the template's too: src/formats/m4.c gives each ITEM's TEXT on
  -- a line of its own, as the i.MX8MP image has its USB waitfor lines.
  template = {
    __I2C_COMMON_START__ = [[
display_msg "Starting I2C driver ..."
ifdef(`__I2C_OPTS__', `foreach(`_x', `__I2C_DRVR__ _x', __I2C_OPTS__)', `__I2C_DRVR__')
]],
    __NET_COMMON_START__ = [[
display_msg "Starting networking ..."
io-sock -m phy ifdef(`__NET_OPTS__', `__NET_OPTS__')
]],
    __NET_PCI_OPTS__ = "",
    __NET_USB_OPTS__ = "",
    __PCI_COMMON_START__ = [[
display_msg "Starting PCI Server ..."
PCI_HW_MODULE=/lib/dll/pci/__PCI_HW_MODULE__
pci-server ifdef(`__PCI_OPTS__', `__PCI_OPTS__') &
waitfor /dev/pci
]],
  },
  -- The script in the order of the generated images, a step per block.
  -- A step's `start` macro is its block when the board defines it; else
  -- `script`, the template's own lines, when one of `when` is defined (or
  -- always, without `when`). `files`: its entries, as buildfile lines, in
  -- the folders of the generated images (drivers in /sbin, wdtkick and CAN
  -- in /bin, shared objects in /lib/dll, PCI modules in /lib/dll/pci),
  -- when one of `when` is defined (or always). Where the generated images
  -- say nothing (a step no image shows: the board's early block, Wi-Fi;
  -- the USB default) the step says UNCONFIRMED.
  steps = {
    { name = "runtime linker", when = { "__LD_QNX__" },
      script = "procmgr_symlink ../../proc/boot/__LD_QNX__ /usr/lib/__LD_QNX__",
      files = [[
__LD_QNX__=__LD_QNX__
/lib/libc.so=libc.so
/lib/libgcc_s.so=libgcc_s.so
]] },
    -- The first of the template's services (slogger2, dumper, mqueue,
    -- random): the system logger, which drivers write to.
    { name = "system logger", script = "slogger2", files = "/bin/slogger2=slogger2" },
    -- UNCONFIRMED place: no generated image has a non-empty early block;
    -- the x86_64 definitions start pci-server in it "Because all drivers
    -- need PCI server", so it comes before the drivers.
    { name = "board early start", start = "__BOARD_EARLY_START__" },
    -- "If startup is given -W parameter then the wdtkick utility MUST be
    -- uncommented below" (RPi4 definitions, __WDT_START__); started right
    -- after the template's services. A kicker without __WDT_START__ is not
    -- started (the guest's image holds wdtkick and starts it from a script).
    { name = "watchdog kicker", start = "__WDT_START__", when = { "__WDT_DRVR__" },
      files = "foreach(`_x', `/bin/_x=_x', __WDT_DRVR__)" },
    { name = "I2C", start = "__I2C_START__", when = { "__I2C_DRVR__" }, script = "__I2C_COMMON_START__",
      files = "foreach(`_x', `/sbin/_x=_x', __I2C_DRVR__)" },
    -- "RTC utility - requires i2c driver to be running" (i.MX8MP definitions)
    { name = "RTC", start = "__RTC_START__", when = { "__RTC_DRVR__" },
      files = "foreach(`_x', `/sbin/_x=_x', __RTC_DRVR__)" },
    -- pci-server, its library and the modules QNX's PCI blocks name
    -- (PCI_BKWD_COMPAT_MODULE, PCI_SLOG_MODULE, PCI_DEBUG_MODULE, RPi4).
    { name = "PCI server", start = "__PCI_START__", when = { "__PCI_HW_DRVR__", "__PCI_HW_MODULE__" },
      script = "__PCI_COMMON_START__",
      files = [[
ifdef(`__PCI_HW_DRVR__', `foreach(`_x', `/lib/dll/pci/_x=pci/_x', __PCI_HW_DRVR__)')
/sbin/pci-server=pci-server
/lib/libpci.so=libpci.so
/lib/dll/pci/pci_bkwd_compat.so=pci/pci_bkwd_compat.so
/lib/dll/pci/pci_slog2.so=pci/pci_slog2.so
/lib/dll/pci/pci_debug2.so=pci/pci_debug2.so
ifdef(`__PCI_HW_CFG__', `__PCI_HW_CFG__')
]] },
    { name = "CAN", start = "__CAN_START__", when = { "__CAN_DRVR__" },
      files = "foreach(`_x', `/bin/_x=_x', __CAN_DRVR__)" },
    { name = "serial", start = "__DEVC_START__", when = { "__DEVC_DRVR__" },
      files = "foreach(`_x', `/sbin/_x=_x', __DEVC_DRVR__)" },
    { name = "SPI", start = "__IO_SPI_START__", when = { "__IO_SPI_DRVR__" },
      script = [[
display_msg "Starting SPI master driver ..."
__IO_SPI_DRVR__
waitfor /dev/io-spi
]],
      files = [[
foreach(`_x', `/sbin/_x=_x', __IO_SPI_DRVR__)
ifdef(`__IO_SPI_CFG_CONTENTS__', `/etc/system/config/spi/spi.conf = {__IO_SPI_CFG_CONTENTS__}')
]] },
    -- The block drivers and what they load (the images' "Block driver
    -- support libraries").
    { name = "block", start = "__DEVB_DRVR_START__", when = { "__BLOCK_DRVR__" },
      files = [[
foreach(`_x', `/sbin/_x=_x', __BLOCK_DRVR__)
/lib/libcam.so=libcam.so
/lib/dll/io-blk.so=io-blk.so
/lib/dll/cam-disk.so=cam-disk.so
/lib/dll/fs-qnx6.so=fs-qnx6.so
/lib/dll/fs-dos.so=fs-dos.so
]] },
    { name = "NOR flash", start = "__NOR_START__", when = { "__NOR_DRVR__" },
      files = "foreach(`_x', `/sbin/_x=_x', __NOR_DRVR__)" },
    -- Without __USB_START__: io-usb-otg with __USB_HOST_OPTS__ and a waitfor
    -- per __USB_HOST_DEV__, as the i.MX8MP definitions write their block:
    -- UNCONFIRMED (no image of a board without __USB_START__ was found).
    { name = "USB host", start = "__USB_START__", when = { "__USB_HOST_DRVR__" },
      script = [[
ifdef(`__USB_HOST_OPTS__', `io-usb-otg __USB_HOST_OPTS__
ifdef(`__USB_HOST_DEV__', `foreach(`_x', `waitfor _x', __USB_HOST_DEV__)')')
]],
      files = [[
foreach(`_x', `/lib/dll/_x=_x', __USB_HOST_DRVR__)
/sbin/io-usb-otg=io-usb-otg
/lib/libusbdi.so=libusbdi.so
]] },
    { name = "persistent storage", start = "__PERSISTENT_STORAGE_START__",
      when = { "__PERSISTENT_STORAGE_START__", "__PERSISTENT_STORAGE_FILES__" },
      files = "ifdef(`__PERSISTENT_STORAGE_FILES__', `__PERSISTENT_STORAGE_FILES__')" },
    -- io-sock with the board's driver (__NET_DRVR__, devs-NAME.so for -d
    -- NAME) and the modules its options name: the images hold mods-NAME.so
    -- in /lib/dll for -m NAME (mods-phy.so for the template's -m phy,
    -- mods-fdt.so and mods-phy_fdt.so for the boards' -m fdt -m phy_fdt;
    -- that io-sock finds them by that name is read off those images).
    { name = "network", start = "__NET_START__", when = { "__NET_DRVR__", "__NET_START__" },
      script = "__NET_COMMON_START__",
      files = [[
ifdef(`__NET_DRVR__', `foreach(`_x', `/lib/dll/_x=_x', __NET_DRVR__)')
/sbin/io-sock=io-sock
/lib/libsocket.so=libsocket.so
/lib/dll/mods-phy.so=mods-phy.so
ifelse(index(ifdef(`__NET_OPTS__', `__NET_OPTS__'), `-m fdt'), `-1', `', `/lib/dll/mods-fdt.so=mods-fdt.so')
ifelse(index(ifdef(`__NET_OPTS__', `__NET_OPTS__'), `-m phy_fdt'), `-1', `', `/lib/dll/mods-phy_fdt.so=mods-phy_fdt.so')
]] },
    -- UNCONFIRMED place (the RPi4 definitions have it commented out).
    { name = "Wi-Fi", start = "__WIFI_START__" },
    { name = "customize", start = "__CUSTOMIZE_SCRIPT_START__",
      when = { "__CUSTOMIZE_SCRIPT_START__", "__CUSTOMIZE_SCRIPT_FILES__" },
      files = "ifdef(`__CUSTOMIZE_SCRIPT_FILES__', `__CUSTOMIZE_SCRIPT_FILES__')" },
    { name = "board late start", start = "__BOARD_LATE_START__" },
    -- The end of every generated script, and the links after it.
    { name = "console shell",
      script = [[
ifdef(`__CONSOLE__', `reopen __CONSOLE__')
[+session] ksh &
]],
      files = [[
/bin/ksh=ksh
[type=link] /bin/sh=/bin/ksh
[type=link] /tmp=/dev/shmem
ifdef(`__CONSOLE__', `[type=link] /dev/console=__CONSOLE__')
[type=link] /var/log=/tmp
[type=link] /usr/tmp=/tmp
]] },
    { name = "DMA", when = { "__DMA_DRVR__" }, files = "foreach(`_x', `/lib/_x=_x', __DMA_DRVR__)" },
    -- "Board specific files": buildfile entries, last in every image.
    { name = "board files", when = { "__BOARD_FILES__" }, files = "ifdef(`__BOARD_FILES__', `__BOARD_FILES__')" },
  },
  -- Programs of the template the boards' own blocks run (on, in the x86_64
  -- definitions; devb-umass, in the i.MX8MP ones), where the generated
  -- images put them (their groups "General commands", "Network driver and
  -- support", "USB host driver and support", "I2C support", "NOR flash
  -- driver files", "CAN drivers", "PCIe driver and support"): the import
  -- adds the ones a script line of the recipe starts.
  commands = {
    "/bin/confstr", "/bin/df", "/bin/hostname", "/bin/kill", "/bin/mount", "/bin/on", "/bin/pidin",
    "/bin/slay", "/bin/slog2info", "/bin/sync", "/bin/umount", "/bin/waitfor", "/sbin/mqueue",
    "/sbin/pipe", "/sbin/shutdown", "/usr/bin/getconf", "/usr/bin/hd", "/usr/bin/ldd", "/usr/bin/setconf",
    "/usr/bin/top", "/usr/bin/use", "/usr/sbin/dumper", "/usr/sbin/random", "/usr/sbin/tracelogger",
    "/sbin/dhcpcd", "/sbin/ifconfig", "/sbin/route", "/sbin/sysctl", "/sbin/usb", "/sbin/devb-umass",
    "/bin/isend", "/bin/isendrecv", "/sbin/devf-ram", "/usr/bin/flashctl", "/bin/canctl",
    "/usr/sbin/pci-tool",
  },
  -- Macros of the definitions files the template reads and a board recipe
  -- leaves to it (profiles, device names, switches set outside the file:
  -- __SMMU__, __HYP__, __GRAPHICS__ and what depends on them). '*' stands
  -- for any text. The import lists them in a comment; any other macro it
  -- does not use is unknown: a comment and a warning.
  known = {
    "__PROCNTO_MODULES__", "__ROOT_PROFILE__", "__ENV_PROFILE_FILE__", "__PROFILE_CFG__",
    "__CUSTOMIZE_SCRIPT_NAME__", "__DTB_FILE__", "__DEBUG_CONSOLE_SCRIPT__",
    "__DEVC_OPTS__", "__DEVC_DEV__", "__DEVC_SER*__", "__DEVB_*__",
    "__NET_DEV__", "__NET_DHCLIENT_SUPPORT__", "__NET_CONF_FILE_*__", "__NET_*_OPTS__",
    "__I2C_DEV__", "__I2C_OPTS__", "__USB_HOST_DEV__", "__USB_HOST_OPTS__", "__LOCAL_XHCI_OPTS__",
    "__USB_DEVICE_DRVR__", "__PCI_*__", "__RANDOM_DRVR__", "__RANDOM_DRVR_OPTS__",
    "__GRAPHICS*__", "__SMMU*__", "__HYP__", "__PERSISTENT_STORAGE_*__",
  },
}

return {
  version = 1,
  images = images,
  io = io,
  board = board,
  guest = guest,
  vdevs = vdev_types,
  vdev_common = vdev_common,
  vdev_type = vdev_decl,
  boot = boot,
  bsp = bsp,
}
