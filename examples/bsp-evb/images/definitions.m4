## An example of a QNX SDP 8.0 BSP's board definitions file, as README.md
## imports it (the board and its drivers are made up): QNX's build
## template makes a buildfile of such macros; `mkbuildfile import` makes a
## board recipe of them.

## Boot parameters
define(`__LD_QNX__',            `ldqnx-64.so.2')
define(`__BOOT_ADDR__',         `0x40080000')
define(`__ARCH__',              `aarch64le')
define(`__TYPE__',              `raw')
define(`__COMPRESS_ATTR__',     `+compress')
define(`__STARTUP__',           `startup-evb')
define(`__STARTUP_OPTS__',      `-v -W 2000 -u reg')
define(`__PROCNTO__',           `procnto-smp-instr')
define(`__PROCNTO_OPTS__',      `-v')

## Console
define(`__CONSOLE__',           `__DEVC_SER1_DEV__')

## Serial driver
define(`__DEVC_DRVR__',         `__DEVC_SER1_DRVR__')
define(`__DEVC_SER1_DRVR__',    `devc-serevb')
define(`__DEVC_SER1_OPTS__',    `-b115200 -e -F -u1 0x28000000,41')
define(`__DEVC_SER1_DEV__',     `/dev/ser1')
define(`__DEVC_START__', `
    display_msg "Starting serial driver (__DEVC_SER1_DEV__)"
    __DEVC_SER1_DRVR__ __DEVC_SER1_OPTS__
    waitfor __DEVC_SER1_DEV__
')

## WDT kick: startup -W arms the watchdog
define(`__WDT_DRVR__',          `wdtkick')
define(`__WDT_OPTS__',          `-t 1000')
define(`__WDT_START__', `
    __WDT_DRVR__ __WDT_OPTS__
')

## Block driver
define(`__BLOCK_DRVR__',        `devb-sdmmc-evb')
define(`__DEVB_DRVR_START__', `
    devb-sdmmc-evb sdio addr=0x28100000,irq=52 disk name=sd
    waitfor /dev/sd0
')

## Network driver (the template starts io-sock)
define(`__NET_DRVR__',          `devs-evb.so')
define(`__NET_OPTS__',          `-m fdt -d evb')

## Not used by this board
#define(`__PCI_HW_MODULE__', `')
