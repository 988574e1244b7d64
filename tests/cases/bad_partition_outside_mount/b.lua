-- The data partition is mounted at /data: a guest file that lives on it must be below /data.
guest "g" {
  include         = { "qnx80" },
  partition_files = { ["/vm/images/g/disk.img"] = "disk.img" },
}

board "b" {
  include        = { "rpi4" },
  data_partition = { mount = "/data", device = "/dev/hd0t179" },
  guests         = { "g" },
}
