## Written for the tests of mkbuildfile import: a virtual ARM board in the
## form of QNX SDP 8.0 board definitions, with the template's own blocks.
define(`__LD_QNX__',            `ldqnx-64.so.2')
define(`__BOOT_ADDR__',         `0x80000000')
define(`__ARCH__',              `aarch64le')
define(`__TYPE__',              `elf')
define(`__COMPRESS_ATTR__',     `')
define(`__STARTUP__',           `startup-virt')
define(`__STARTUP_OPTS__',      `-H')
define(`__PROCNTO__',           `procnto-smp-instr')
define(`__PROCNTO_OPTS__',      `-v')
define(`__CONSOLE__',           `/dev/vcon1')

## A macro of the file's own, called with arguments
define(`__VIRT_DEV__', `/dev/$1$2 ($# arguments)')

define(`__DEVC_DRVR__', `devc-virtio')
define(`__DEVC_START__', `
    devc-virtio 0x20000000,42
    waitfor __VIRT_DEV__(vcon, 1)
')

## The template's I2C block inside the board's
define(`__I2C_DRVR__', `i2c-virt')
define(`__I2C_OPTS__', `--u1, --u2')
define(`__I2C_START__', `
    __I2C_COMMON_START__
    ifelse(__I2C_DRVR__, `i2c-virt', `display_msg I2C is virtual', `display_msg I2C is real')
')

## The template's network block inside the board's
define(`__NET_DRVR__', `devs-vtnet_mmio.so')
define(`__NET_OPTS__', `-m fdt -d vtnet_mmio')
define(`__NET_START__', `
__NET_COMMON_START__
    ifconfig vtnet0 10.0.0.2/24
')

## A switch set outside the file: the commented ifdef makes the defines
## below it take effect all the same, as m4 reads a # line
#ifdef(`__GRAPHICS__', `
define(`__GRAPHICS_LIB_PATH__', `/usr/lib/graphics/virt')
#')

define(`__USB_HOST_DRVR__', `devu-hcd-virt.so')
define(`__USB_HOST_DEV__', `/dev/usb/io-usb-otg, /dev/usb/devu-hcd-virt.so')
define(`__USB_START__', `
    io-usb-otg -d virt
foreach(`_x', `    waitfor _x 5', __USB_HOST_DEV__)
')

define(`__BOARD_FILES__', changequote(`<<', `>>')<<
/etc/motd = {
it's `virt'
}
>>)changequote()dnl
