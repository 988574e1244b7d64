-- Strings that mean something to mkifs or qvm are written so that they
-- read back as they are (issue 15): a raw script line's '}' escaped (it
-- would end the script block), a host path "{" quoted (it would open
-- inline contents), a word with a quote, a vdev name that opens a context
-- of qvm's language, a log whose FILTERS hold a '#', a variable name that
-- is such a word.
guest "g" {
  include = { "qnx-aarch64" },
  vdevs   = {
    console = { "pl011", loc = 0x1c090000, intr = "gic:37", hostdev = ">-", name = "vdev",
                log = "#all stdout" },
  },
  set     = { pass = 1 },
}

board "b" {
  include = { "rcar_h3" },
  guests  = { "g" },
  script  = append { "display_msg {braces} and ${HOME} kept", { "display_msg", "say \"hi\" }" } },
  files   = { ["/etc/brace"] = "{" },
}
