## The quote of the value of __STARTUP_OPTS__ never closes: m4 reads
## the rest of the file into it.
define(`__ARCH__', `aarch64le')
define(`__STARTUP_OPTS__', `-v -W 2000)
define(`__PROCNTO__', `procnto-smp-instr')
