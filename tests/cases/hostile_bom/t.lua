-- A UTF-8 byte order mark starts this file: it is skipped, as editors do.
local a = 1
  local b = nope
