-- A library in a folder that is not on LD_LIBRARY_PATH.
board "b" { include = { "rpi4" }, files = { ["/opt/lib/libacme.so"] = "libacme.so" } }
