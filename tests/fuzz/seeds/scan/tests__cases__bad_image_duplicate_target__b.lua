board "b" {
  include = { "rcar_h3" },
  files   = { ["libc.so"] = true, ["/proc/boot/libc.so"] = "libc.so" },
}
