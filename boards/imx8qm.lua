-- SPDX-License-Identifier: MIT
-- NXP i.MX8QM MEK as a QNX Hypervisor 8.0 host: virtualization is built
-- into the 8.0 kernel, so startup enables it (-Q enable, added by the core)
-- and procnto needs no module. It runs a Linux guest, networked to the host:
-- the core starts io-sock with the vdevpeer module for it.
--
-- The bootstrap is the example of QNX's "Configuring the hypervisor host"
-- (startup-iMX8QM -P 1 -Q enable,el2-host -W -vv):
-- https://www.qnx.com/developers/docs/8.0/com.qnx.doc.hypervisor.user/topic/config/hyp.html
-- but with a plain -Q enable: startup then takes EL2 when the CPU has VHE
-- and EL1 when it has not, where el2-host stops a CPU without VHE
-- (startup library hypervisor.c, Qnx_Hypervisor_rbye
-- qnx_host/src/hardware/startup/lib/aarch64); whether the i.MX8QM's cores
-- have VHE is UNCONFIRMED. The image base is UNCONFIRMED too: the docs'
-- example reuses the R-Car H3 address 0x40100000, and no public i.MX8QM
-- QNX buildfile was found; 0x80000000 is where the i.MX8QM's DRAM starts.

board "imx8qm" {
  include     = { "hypervisor-host" },
  description = "NXP i.MX8QM MEK, QNX Hypervisor 8.0 host",
  arch        = "aarch64le",
  qnx         = "8.0",
  image       = { base = 0x80000000, format = "raw", compress = true },
  attributes  = { uid = 0, gid = 0 },
  startup     = { "startup-iMX8QM", "-P", "1", "-W", "-vv", keeplinked = true },
  kernel      = { "procnto-smp-instr", "-v", keeplinked = true },
  script = {
    -- The runtime linker, as QNX's generated 8.0 images link it
    -- (Qnx_Hypervisor_rbye qnx_host/images/rpi4-hypervisor.build; 8.0
    -- "Shared libraries":
    -- https://www.qnx.com/developers/docs/8.0/com.qnx.doc.neutrino.building/topic/config/shared_libraries.html).
    "procmgr_symlink ../../proc/boot/ldqnx-64.so.2 /usr/lib/ldqnx-64.so.2",
    { "slogger2", bg = true },
    { "waitfor", "/dev/slog2" },
    -- startup -W arms the watchdog; on the i.MX8 it is the SCU's, kicked by
    -- wdtkick-sc-imx8: "If startup is given '-W' parameter then the
    -- 'wdtkick' utility MUST be uncommented", then wdtkick-sc-imx8 -t 5000
    -- (QNX 7.1 i.MX8QXP BSP, phytec imx8qxp-cpu.build in shared/corpus).
    -- The 8.0 i.MX8QM kicker is UNCONFIRMED (most likely the same program).
    { "wdtkick-sc-imx8", "-t", "5000" },
    -- LPUART0 at 0x5A060000, the console: QNX's i.MX8 LPUART driver is
    -- devc-sermx8 (the i.MX8QXP line of that BSP: devc-sermx8 -e -F -S -u 1
    -- -c80000000 0x5A060000,257); the i.MX8QM's LPUART0 interrupt is 377
    -- (SPI 345: seL4 platsupport imx8qm UART1_IRQ, hvisor's i.MX8QM
    -- configuration). The 8.0 driver name for the i.MX8QM is UNCONFIRMED.
    -- The driver puts itself in the background (devc.use: -o nodaemon).
    { "devc-sermx8", "-e", "-F", "-S", "-u", "1", "-c80000000", "0x5a060000,377" },
    { "waitfor", "/dev/ser1", "4" },
    { "reopen", "/dev/ser1" },
    { "ksh", session = true, bg = true },
  },
  files = {
    ["libc.so"] = true,
    ["libgcc_s.so.1"] = true,
    ["ldqnx-64.so.2"] = true,
    ["slogger2"] = true,
    ["wdtkick-sc-imx8"] = true,
    ["devc-sermx8"] = true,
    ["ksh"] = true,
    ["/bin/sh"] = { link = "/proc/boot/ksh" },
  },
  guests = { "linux" },
}
