#!/bin/sh
# SPDX-License-Identifier: MIT
# luacheckrc_test.sh BINARY ROOT: the luacheck configuration of
# 'schema --luacheckrc' in a user's recipe folder (a copy of
# examples/family, outside this repository and its .luacheckrc): the
# family's recipes are clean; a recipe that reads what the sandbox refuses
# (os.getenv, string.dump, print) gets exactly those warnings, as the tool
# would refuse them. Needs luacheck (Debian: lua-check). Ends with
# "N passed, M failed".
set -u
bin=$1
root=$2
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }
cp -R "$root/examples/family" "$tmp/myproduct"
"$bin" schema --luacheckrc -o "$tmp/myproduct/.luacheckrc" || bad "schema --luacheckrc failed"
(cd "$tmp/myproduct" && luacheck --no-color -q . >"$tmp/out" 2>&1) && ok ||
  { bad "the family's recipes are not clean:"; cat "$tmp/out"; }
cat >"$tmp/myproduct/home.lua" <<'LUA'
local home = os.getenv("HOME")
board "home" { include = { "rcar_h3" }, description = home .. string.dump(print) }
LUA
(cd "$tmp/myproduct" && luacheck --no-color --formatter plain home.lua >"$tmp/out" 2>&1)
cat >"$tmp/want" <<'OUT'
home.lua:1:14: accessing undefined variable 'os'
home.lua:2:63: accessing undefined field 'dump' of global 'string'
home.lua:2:75: accessing undefined variable 'print'
OUT
cmp -s "$tmp/want" "$tmp/out" && ok || { bad "luacheck on home.lua:"; diff -u "$tmp/want" "$tmp/out"; }
# and the tool refuses the first of them
(cd "$tmp/myproduct" && "$bin" check home -I . >/dev/null 2>"$tmp/err")
grep -q "^home.lua:1:14: error: 'os' is not available in recipes" "$tmp/err" && ok ||
  { bad "check home:"; cat "$tmp/err"; }
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
