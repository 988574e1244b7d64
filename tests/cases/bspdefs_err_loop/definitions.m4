define(`__ARCH__', `aarch64le')
define(`__TYPE__', `raw')
define(`__STARTUP__', `startup-acme')
define(`__PROCNTO__', `procnto-smp-instr')
define(`__DEVC_DRVR__', `devc-seracme')
## A start block that names itself: its expansion never ends.
define(`__DEVC_START__', `
    devc-seracme
    __DEVC_START__
')
