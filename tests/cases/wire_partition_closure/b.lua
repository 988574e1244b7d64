-- A Linux guest on the data partition that loads its files by absolute paths: they are on the
-- partition (BOARD-data.build lists them), not in the host image, and the closure check accepts
-- them there.
guest "lin" {
  include   = { "linux-aarch64" },
  partition = true,
}

board "b" {
  include        = { "rpi4" },
  data_partition = { device = "/dev/sd0t179" },
  guests         = { "lin" },
}
