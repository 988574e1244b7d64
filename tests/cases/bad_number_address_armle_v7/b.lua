-- armle-v7 has 40-bit physical addresses (LPAE): an image at 2^40 is beyond
-- them, while a 64-bit board takes it (issue 15).
board "b" {
  include = { "hypervisor-host" },
  arch    = "armle-v7",
  image   = { format = "raw", base = 0x10000000000 },
  startup = { "startup-imx6x" },
  kernel  = { "procnto-smp-instr" },
}
