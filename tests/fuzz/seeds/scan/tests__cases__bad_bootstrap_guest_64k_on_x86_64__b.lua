guest "g" {
  include = { "qnx-x86_64" },
  ifs     = { image = { format = "elf64k" } },
}

board "b" {
  include = { "x86_64" },
  guests  = { "g" },
}
