#!/bin/sh
# SPDX-License-Identifier: MIT
# make_test.sh BINARY ROOT: GNU make through the depfile of render -MD, with
# the Makefile README.md shows (its ```make block, with the binary and mkifs
# replaced by loggers): the depfile is the stamp, written on every render,
# while unchanged outputs keep their time. A second make does
# nothing; after a content-neutral edit (touch, a comment) make renders once,
# rebuilds no image, and the make after it does nothing; a real change
# renders and rebuilds the image once. Needs make. Ends with
# "N passed, M failed".
set -u
bin=$1
root=$2
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
check() {  # DESCRIPTION COMMAND...
  _what=$1
  shift
  if "$@"; then pass=$((pass + 1)); else echo "FAIL $_what"; fail=$((fail + 1)); fi
}
if ! command -v make >/dev/null 2>&1; then
  echo "make_test: make not found: apt-get install make" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
mkdir "$tmp/myproduct"
cat >"$tmp/myproduct/myboard.lua" <<'LUA'
board "myboard" { include = { "rcar_h3" } }
LUA
# a logging render and a stand-in mkifs
cat >"$tmp/mkb" <<SH
#!/bin/sh
echo render >>"$tmp/log"
exec "$bin" "\$@"
SH
cat >"$tmp/mkifs" <<SH
#!/bin/sh
echo mkifs >>"$tmp/log"
cp "\$1" "\$2"
SH
chmod +x "$tmp/mkb" "$tmp/mkifs"
# The Makefile of README.md ("In a build"), with MKB and MKIFS set below.
awk '/^```make$/ { on = 1; next } on && /^```/ { exit } on' "$root/README.md" |
  sed 's/^\tmkbuildfile /\t$(MKB) /' >"$tmp/Makefile"
grep -q '$(MKB) render' "$tmp/Makefile" || bad_makefile=1
run() {
  : >"$tmp/log"
  make -s -C "$tmp" MKB="$tmp/mkb" MKIFS="$tmp/mkifs" >"$tmp/make.log" 2>&1 || cat "$tmp/make.log"
}
count() { grep -c "^$1\$" "$tmp/log"; }
check "README.md has the Makefile" [ -z "${bad_makefile:-}" ]
run
check "the first make renders and builds the image" [ -f "$tmp/out/myboard.ifs" ]
run
check "a second make renders nothing" [ "$(count render)" -eq 0 ]
check "a second make builds no image" [ "$(count mkifs)" -eq 0 ]
sleep 1
touch "$tmp/myproduct/myboard.lua"
run
check "after touch, make renders once" [ "$(count render)" -eq 1 ]
check "after touch, no image is rebuilt (the outputs did not change)" [ "$(count mkifs)" -eq 0 ]
run
check "the make after that does nothing" [ ! -s "$tmp/log" ]
sleep 1
echo '-- a comment' >>"$tmp/myproduct/myboard.lua"
run
run
check "after a comment, the second make does nothing" [ ! -s "$tmp/log" ]
sleep 1
echo 'board "myboard" { include = { "rcar_h3" }, image = { base = 0x48000000 } }' \
  >"$tmp/myproduct/myboard.lua"
run
check "a real change renders once" [ "$(count render)" -eq 1 ]
check "and rebuilds the image" [ "$(count mkifs)" -eq 1 ]
run
check "and the make after that does nothing" [ ! -s "$tmp/log" ]
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
