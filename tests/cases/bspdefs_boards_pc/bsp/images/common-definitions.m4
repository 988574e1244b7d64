ifelse(
# Written for the tests of mkbuildfile import --boards, in the form of the
# x86_64 definitions of QNX SDP 8.0 BSPs: the variants in the folders
# beside this file include it, then change what differs.
)

## Boot parameters
define(`__LD_QNX__',            `ldqnx-64.so.2')
define(`__BOOT_ADDR__',         `0x2000000')
define(`__ARCH__',              `x86_64')
define(`__TYPE__',              `uefi')
define(`__COMPRESS_ATTR__',     `+compress')
define(`__STARTUP__',           `startup-x86')
define(`__STARTUP_OPTS__',      `-D8250..115200')
define(`__PROCNTO__',           `procnto-smp-instr')
define(`__PROCNTO_OPTS__',      `')

define(`__CONSOLE__',           `/dev/ser1')

## Switches set outside the file: off here
ifdef(`__SMMU__', `
define(`__SMMU_USB_HOST_OPTS__', `-s smmu=on')
')

## Serial driver
define(`__DEVC_DRVR__',         `devc-ser8250, devc-serusb')
define(`__DEVC_START__', `
    display_msg "Starting serial driver ..."
    devc-ser8250 -e -b115200 ifdef(`__SMMU__', `-o smmu=on')
    waitfor /dev/ser1
')

## Network driver
define(`__NET_DRVR__',          `devs-vmx.so')
define(`__NET_OPTS__',          `-d vmx')
define(`__NET_DEV__',           `vmx0')

## PCI: started early, so the template block is off (dnl eats it)
define(`__PCI_HW_DRVR__',       `pci_hw-Intel_x86.so')
define(`__PCI_HW_MODULE__',     `pci_hw-Intel_x86.so')
define(`__PCI_OPTS__',          `--aspace-enable')
define(`__PCI_START__',         `dnl')
define(`__PCI_BRIDGE_BUS_MASTER_ENABLE__')

define(`__BOARD_EARLY_START__', `
__PCI_COMMON_START__
')

## RTC
define(`__RTC_DRVR__',          `rtc')
define(`__RTC_OPTS__',          `hw')
define(`__RTC_START__', `dnl
    display_msg "Starting RTC ..."
    __RTC_DRVR__ __RTC_OPTS__
')

## WDT kick: none here
#define(`__WDT_DRVR__',          `')
#define(`__WDT_START__',         `')

## The quotes of m4 changed for text with quotes in it
define(`__BOARD_FILES__', changequote(`[[[', `]]]')[[[
[perms=0755] /scripts/hello.sh = {
#!/bin/sh
echo "it's a PC"
}
]]])
changequote
