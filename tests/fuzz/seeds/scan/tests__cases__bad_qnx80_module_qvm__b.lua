board "b" {
  include = { "imx8qm" },
  kernel  = { modules = { "qvm" } },
}
