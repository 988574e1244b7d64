-- A -Q the recipe writes itself stays where it is, as QNX's RPi4 guide
-- writes it (at the end of the line); the core adds none.
board "b" {
  include = { "rpi4" },
  startup = { "startup-bcm2711-rpi4", "-v", "-D", "miniuart", "-W", "2500", "-u", "reg",
              "-r", "0,4096,1", "-Q", "enable,el1-host" },
}
