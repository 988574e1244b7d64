-- SPDX-License-Identifier: MIT
-- Renesas R-Car H3 (Salvator-X/XS) as a QNX Hypervisor 2.2 host, QNX 7.1:
-- the example host of the QNX Hypervisor documentation, whose bootstrap
-- (image, startup-rcar_h3 -P1 -W -vv, procnto-smp-instr -ae -v, PATH and
-- LD_LIBRARY_PATH) this is:
-- https://www.qnx.com/developers/docs/7.1/com.qnx.doc.hypervisor.user/topic/config/hyp.html
-- Its guest, qnx71, is in boards/guests/qnx71.lua.

board "rcar_h3" {
  include     = { "hypervisor-host" },
  description = "Renesas R-Car H3 Salvator-X, QNX Hypervisor 2.2 host",
  arch        = "aarch64le",
  qnx         = "7.1",
  image       = { compress = true, base = 0x40100000, format = "raw" },
  attributes  = { uid = 0, gid = 0 },
  startup     = { "startup-rcar_h3", "-P1", "-W", "-vv", keeplinked = true },
  kernel      = { "procnto-smp-instr", "-ae", "-v", keeplinked = true },
  env = {
    PATH            = { "/proc/boot", "/sbin", "/bin", "/usr/bin", "/opt/bin/sbin", "/usr/sbin" },
    LD_LIBRARY_PATH = { "/proc/boot", "/lib", "/usr/lib", "/lib/dll", "/opt/lib" },
  },
  script = {
    -- Since QNX 7.0 the runtime linker is a file of its own, loaded from
    -- /usr/lib (QNX 7.1 migration guide, "Buildfiles":
    -- https://qdn.qnx.com/developers/docs/7.1/com.qnx.doc.qnxsdp.migration/topic/buildfiles.html);
    -- this link is how QNX's own images put it there (phytec imx8qxp-cpu.build
    -- in shared/corpus).
    "procmgr_symlink ../../proc/boot/ldqnx-64.so.2 /usr/lib/ldqnx-64.so.2",
    { "display_msg", "Welcome to QNX Hypervisor on R-Car H3" },
    { "slogger2", bg = true },
    { "waitfor", "/dev/slog2" },
    -- startup -W arms the RWDT watchdog: kick it before anything slow. The
    -- R-Car startups hand the watchdog to wdtkick through hwinfo and leave
    -- the kick to the command line: "use wdtkick cmd param -W to set
    -- wdt,regwrite value since value=0x5A5AFF00" (R-Car startup
    -- init_hwinfo.c, find_string id 11785981802, a Gen4 startup), the
    -- counter at offset 0 (RCAR_WDT_CNT 0x00, id 47514337605). UNCONFIRMED:
    -- no R-Car H3 QNX buildfile was found, so this exact line for the Gen3
    -- H3 is inferred. wdtkick puts itself in the background (procmgr_daemon
    -- in wdtkick's main.c, Qnx_Hypervisor_rbye qnx_host/src/hardware/support/wdtkick).
    { "wdtkick", "-W0x0:0x5A5AFF00" },
    { "pipe", bg = true },
    -- devc-serscif takes the SCIF by its hwinfo name (QNX's usage text,
    -- find_string id 11555080904); that the Salvator-X console is scif2 is
    -- UNCONFIRMED (it is Linux's choice for the board).
    { "devc-serscif", "-e", "-F", "-b115200", "-c266666666/16", "scif2", bg = true },
    { "waitfor", "/dev/ser1", "4" },
    { "reopen", "/dev/ser1" },
    { "ksh", session = true, bg = true },
  },
  files = {
    ["libc.so"]        = true,
    -- "You need to include libgcc_s.so.1 in OS images" (migration guide above).
    ["libgcc_s.so.1"]  = true,
    ["ldqnx-64.so.2"]  = true,
    ["/tmp"]           = { link = "/dev/shmem" },
    ["slogger2"]       = true,
    ["wdtkick"]        = true,
    ["pipe"]           = true,
    ["devc-serscif"]   = true,
    ["ksh"]            = true,
    ["/bin/sh"]        = { link = "/proc/boot/ksh" },
    ["ls"]             = true,
    ["pidin"]          = true,
    ["slay"]           = true,
    ["/etc/profile"]   = { perms = "0444", contents = "export PATH=/proc/boot:/sbin:/bin:/usr/bin\n" },
  },
  guests = { "qnx71" },
}
