include(`../common-definitions.m4')

# The UEFI variant: the common definitions, with its startup options
sinclude(`local-overrides.m4')
define(`__STARTUP_OPTS__',      `-v')
