include(`../common-definitions.m4')

# The BIOS variant: what differs from the common definitions
define(`__TYPE__',              `bios')
define(`__STARTUP_OPTS__',      `')

## An unquoted value: m4 takes it as it is (the leading blanks aside)
define(`__WDT_DRVR__', `wdtkick')
define(`__WDT_OPTS__',   -t 1500 -v)
define(`__WDT_START__', `
    __WDT_DRVR__ __WDT_OPTS__
')

## No network on this variant: the inherited macros go
undefine(`__NET_DRVR__')
undefine(`__NET_OPTS__')
undefine(`__NET_DEV__')

define(`__BOARD_LATE_START__', `
    TERM=qansi on -t /dev/ser2 /bin/ksh
')
