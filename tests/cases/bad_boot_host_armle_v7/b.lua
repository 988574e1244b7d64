board "b" {
  include = { "hypervisor-host" },
  arch    = "armle-v7",
  image   = { format = "raw" },
  startup = { "startup-imx6x" },
  kernel  = { "procnto-smp-instr" },
}
