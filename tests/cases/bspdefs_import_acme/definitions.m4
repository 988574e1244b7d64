## A board definitions file written for the tests of mkbuildfile import,
## in the form of QNX SDP 8.0 BSPs (the drivers are made up).

## Boot parameters
define(`__LD_QNX__',            `ldqnx-64.so.2')
define(`__BOOT_ADDR__',         `0x40200000')
define(`__ARCH__',              `aarch64le')
define(`__TYPE__',              `raw')
define(`__COMPRESS_ATTR__',     `+compress')
define(`__PROCNTO_MODULES__',   `')
define(`__STARTUP__',           `startup-acme-a53')
define(`__STARTUP_OPTS__',      `-v -W 3000 -u reg')
define(`__PROCNTO__',           `procnto-smp-instr')
define(`__PROCNTO_OPTS__',      `-v')

## Console: a macro naming a macro
define(`__CONSOLE__',           `__DEVC_SER2_DEV__')

## Serial driver
define(`__DEVC_DRVR__', `__DEVC_SER2_DRVR__, __DEVC_SER4_DRVR__')
define(`__DEVC_SER2_DRVR__', `devc-seracme')
define(`__DEVC_SER2_OPTS__', `-b115200 -e -F -u2 0x1c020000,42')
define(`__DEVC_SER2_DEV__', `/dev/ser2')
define(`__DEVC_SER4_DRVR__', `devc-seracme-lp')
define(`__DEVC_SER4_OPTS__', `-b9600 -u4 0x1c040000,44')
define(`__DEVC_SER4_DEV__', `/dev/ser4')

define(`__DEVC_START__', `
    ###########################################################
    ## Serial: a quoted # comments the line out, the macros on
    ## it are expanded all the same
    ###########################################################
    display_msg "Starting serial driver (__DEVC_SER2_DEV__)"
    __DEVC_SER2_DRVR__ __DEVC_SER2_OPTS__
    waitfor __DEVC_SER2_DEV__
    `#'__DEVC_SER4_DRVR__ __DEVC_SER4_OPTS__
')

## WDT kick: -W above arms the watchdog
define(`__WDT_DRVR__', `wdtkick')
define(`__WDT_OPTS__', `-W0x8:0x1234 -t 1000')

define(`__WDT_START__', `
    display_msg "Starting wdtkick ..."
    __WDT_DRVR__ __WDT_OPTS__
')

## I2C driver: a list of options, one driver line each (the template's block)
define(`__I2C_DRVR__', `i2c-acme')
define(`__I2C_OPTS__', `-p0x1c100000 --u1, -p0x1c110000 --u2')
define(`__I2C_DEV__', `/dev/i2c1, /dev/i2c2')

## RTC: commented out, so off
#define(`__RTC_DRVR__', `rtc')
#define(`__RTC_START__', `
#    rtc hw
#')

## PCI driver: options through a macro of their own
define(`__PCI_HW_DRVR__', `pci_hw-acme.so')
define(`__PCI_HW_MODULE__', `pci_hw-acme.so')
define(`__PCI_BUS_SCAN_LIMIT__', `2')
define(`__PCI_OPTS__', `--bus-scan-limit=__PCI_BUS_SCAN_LIMIT__ -c')
define(`__PCI_START__', `
    display_msg "Starting PCI Server ..."
    PCI_HW_MODULE=/lib/dll/pci/__PCI_HW_MODULE__
    pci-server __PCI_OPTS__ &
    waitfor /dev/pci
')

## SPI driver: the template's block, and its configuration inline
define(`__IO_SPI_DRVR__', `spi-acme')
define(`__IO_SPI_CFG_CONTENTS__', `
[bus]
busno=0
base=0x1c200000
irq=61
')

## Block driver: a start block naming another
define(`__BLOCK_DRVR__', `devb-sdmmc-acme')
define(`__DEVB_SDMMC_DRVR__', `devb-sdmmc-acme')
define(`__DEVB_SDMMC_OPTS__', `sdio addr=0x1c300000,irq=70 disk name=sd')
define(`__DEVB_SDMMC_DEV__', `/dev/sd0')
define(`__DEVB_SDMMC_START__', `
    display_msg "Starting SDMMC driver (__DEVB_SDMMC_DEV__)"
    __DEVB_SDMMC_DRVR__ __DEVB_SDMMC_OPTS__
    waitfor __DEVB_SDMMC_DEV__
')
define(`__DEVB_DRVR_START__', `
__DEVB_SDMMC_START__
')

## USB host driver: no start block of its own (the template's)
define(`__USB_HOST_DRVR__', `devu-hcd-acme-xhci.so')
define(`__LOCAL_XHCI_OPTS__', `-d acme-xhci ioport=0x1c400000,irq=80')
define(`__USB_HOST_OPTS__', `ifdef(`__SMMU_USB_HOST_OPTS__', `__SMMU_USB_HOST_OPTS__') __LOCAL_XHCI_OPTS__')
define(`__USB_HOST_DEV__', `/dev/usb/io-usb-otg')

## Network driver (the template's block)
define(`__NET_DRVR__', `devs-acme.so')
define(`__NET_OPTS__', `-m fdt -d acme')
define(`__NET_DEV__', `acme0')

## DMA
define(`__DMA_DRVR__', `libdma-acme.so')

## Customize script
define(`__CUSTOMIZE_SCRIPT_NAME__', `/scripts/board_startup.sh')

## A macro mkbuildfile does not know: kept, and warned about
define(`__ACME_FAN_SPEED__', `200')

## Board specific files: what m4 reads again, dnl, and $ that is no argument
define(`__BOARD_LATE_START__', `dnl this line goes
    ksh /proc/boot/acme-late.sh
')

define(`__BOARD_FILES__', `
[perms=0755] acme-late.sh = {
#!/bin/sh
# $0 is the name of the macro here, and $PATH stays as it is
echo "acme: late start" > $PATH
}
/bin/acme-gpio=acme-gpio
')
