-- SPDX-License-Identifier: MIT
guest "g1" { include = { "qnx-aarch64" } }
