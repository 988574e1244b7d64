-- the README's guest snippet, with a word of its own: it must win over the
-- shipped boards/guests/qnx71.lua although its file is named otherwise
guest "qnx71" { include = { "qnx-aarch64" }, description = "my QNX 7.1 guest" }
