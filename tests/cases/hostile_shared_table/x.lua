-- 22 levels of one table used twice: conversion made 4 M values of it
-- (34 s, 6 GB).
local t = { "a" }
for i = 1, 22 do t = { t, t } end
board "x" {
  include = { "rcar_h3" },
  script  = t,
}
