-- Options of one QNX release or one architecture only (tapdev is one of 7.1:
-- no error on this 7.1 host).
guest "g" {
  include = { "linux-aarch64" },
  load    = { "/vm/images/linux-aarch64/Image", { "/vm/images/linux-aarch64/extra.aml", type = "acpi" } },
  vdevs   = {
    gic  = { gicd = 0x2f000000 },
    net  = { tapdev = "tap0" },
    disk = { hostdev = ">/dev/qvmdisk0" },
  },
  host_files = { ["/vm/images/linux-aarch64/extra.aml"] = "extra.aml" },
}

board "b" {
  include = { "rcar_h3" },
  guests  = { "g" },
}
