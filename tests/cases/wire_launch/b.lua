-- qvm's line carries the guest's launch options: priority, APS partition, more configuration
-- files, set overrides, dryrun.
guest "g" {
  include    = { "qnx80" },
  launch     = { pri = "20r", sched_aps = "guests", files = { "/vm/config/debug.qvmconf" },
                 set = { fdt_dump_file = "/tmp/fdt.dtb" }, dryrun = true },
  host_files = { ["/vm/config/debug.qvmconf"] = { contents = "debug\n" } },
}

board "b" { include = { "rpi4" }, guests = { "g" } }
