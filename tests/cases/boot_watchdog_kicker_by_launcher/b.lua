-- A kicker started by a launcher counts; one only named does not.
board "c" {
  arch    = "aarch64le",
  qnx     = "8.0",
  image   = { format = "raw" },
  startup = { "startup-imx8mp-evk", "-W" },
  kernel  = { "procnto-smp-instr" },
  script  = { "display_msg wdtkick is not started here", "on -p 20 wdtkick -t 5000" },
  files   = { on = true, wdtkick = true },
}
