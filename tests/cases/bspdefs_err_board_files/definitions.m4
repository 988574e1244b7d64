define(`__ARCH__', `aarch64le')
define(`__TYPE__', `raw')
define(`__STARTUP__', `startup-acme')
define(`__PROCNTO__', `procnto-smp-instr')
## Buildfile entries go through the buildfile parser: an inline file
## whose brace is missing is an error where the macro is defined.
define(`__BOARD_FILES__', `
/bin/acme-gpio=acme-gpio
/etc/acme.conf = {
speed=fast
')
