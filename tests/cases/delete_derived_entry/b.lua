-- The guest's configuration in the host image is the wiring's: deleting it
-- would leave qvm nothing to start the guest with. It was ignored without
-- a word; it is an error that says why.
board "b" {
  include = { "rcar_h3" },
  files   = { ["/vm/config/qnx71.qvmconf"] = delete, ["pidin"] = delete },
}
