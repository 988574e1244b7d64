define(`__ARCH__', `aarch64le')
define(`__TYPE__', `raw')
define(`__STARTUP__', `startup-b')
define(`__PROCNTO__', `procnto-smp-instr')
