fragment "fast" { image = { compress = false } }
fragment "small" { image = { compress = true } }

board "b" {
  include = { "rcar_h3", "fast", "small" },
  startup = { "my-startup" },
  files   = { ["libc.so"] = true, ["/proc/boot/libc.so"] = "libc.so" },
  guests  = { "g" },
}
