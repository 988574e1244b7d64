-- Strings that would add to the buildfile what the recipe does not say
-- (issue 15): each is refused at its line. A description with a line
-- break (an entry after the header comment), a raw script line that closes
-- the script block and adds an entry, a variable name with a blank (a
-- second setting on procnto's line), a raw line whose quote never closes,
-- an empty bootstrap name.
board "b" {
  include     = { "rcar_h3" },
  description = "x\n[perms=4777] /bin/evil=/bin/sh",
  script      = append { "display_msg hi\n}\n[+raw] /proc/boot/evil=/etc/shadow",
                         "display_msg \"unclosed" },
  env         = { ["A B"] = "x" },
  image       = { bootname = "" },
}
