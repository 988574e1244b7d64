define(`__ARCH__', `aarch64le')define(`__TYPE__', `raw')define(`__STARTUP__', `s')define(`__PROCNTO__', `p')define(`__DEVC_START__', `
}
[+script] x = {')define(`__BOARD_FILES__', `[a
')foreach(`_x', `_x _x', 1, 2)