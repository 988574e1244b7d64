-- qvm boots a QNX guest from an ELF image on ARM.
guest "g" {
  include = { "qnx-aarch64" },
  ifs     = { image = { format = "raw" } },
}

board "b" {
  include = { "rcar_h3" },
  guests  = { "g" },
}
