-- An x86 guest does not boot without the 8259.
guest "g" {
  include = { "linux-x86_64" },
  vdevs   = { pic1 = delete, pic2 = delete },
}

-- One of the pair: QNX's configurations have both.
guest "h" {
  include = { "qnx-x86_64" },
  vdevs   = { pic2 = delete },
}

board "b" {
  include = { "x86_64" },
  guests  = { "g", "h" },
}
