-- linux-x86: a guest imported by mkbuildfile import.

guest "linux-x86" {
  include     = { "linux-x86_64" },
  description = "imported from linux-x86.qvmconf",
}
