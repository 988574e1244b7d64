## No startup program and no kernel: no bootstrap can be made.
define(`__ARCH__', `aarch64le')
define(`__TYPE__', `raw')
#define(`__STARTUP__', `startup-acme')
