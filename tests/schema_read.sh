#!/bin/sh
# SPDX-License-Identifier: MIT
# schema_read.sh BINARY ROOT: the schema is checked when it is read. Each
# case copies ROOT's lua/, boards/ and recipes/ to a temporary root and the
# binary to its bin/ (where it finds that root, ../lua/prelude.lua), breaks
# lua/schema.lua with one sed expression, runs 'check rcar_h3' there and
# compares the diagnostics byte for byte: the schema's file, the line and
# column of the broken text (found in the broken file, so that the schema
# may grow without this test changing), the message. Ends with
# "N passed, M failed".
set -u
bin=$1
root=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

# expect NAME SED TOKEN MESSAGE: after SED, the error is at the first TOKEN
# of the lines SED changed (the line and the column where TOKEN starts).
expect() {
  name=$1 expr=$2 token=$3 msg=$4
  rm -rf "$tmp/r"
  mkdir -p "$tmp/r/bin"
  cp -R "$root/lua" "$root/boards" "$root/recipes" "$tmp/r/"
  cp "$bin" "$tmp/r/bin/mkbuildfile"
  sed "$expr" "$root/lua/schema.lua" >"$tmp/r/lua/schema.lua"
  if cmp -s "$root/lua/schema.lua" "$tmp/r/lua/schema.lua"; then
    echo "FAIL $name: the sed expression changed nothing"
    fail=$((fail + 1))
    return
  fi
  at=$(diff "$root/lua/schema.lua" "$tmp/r/lua/schema.lua" | grep '^>' | sed 's/^> //' |
       grep -n -F -- "$token" | head -1 | cut -d: -f1)
  line=$(diff "$root/lua/schema.lua" "$tmp/r/lua/schema.lua" | sed -n 's/^\([0-9]*\)[acd,].*/\1/p' |
         head -1)
  line=$((line + at - 1))
  col=$(sed -n "${line}p" "$tmp/r/lua/schema.lua" | awk -v t="$token" '{ print index($0, t) }')
  printf '%s/lua/schema.lua:%s:%s: error: %s\n1 error, 0 warnings\n' "$tmp/r" "$line" "$col" \
    "$msg" >"$tmp/want"
  (cd "$tmp/r" && bin/mkbuildfile check rcar_h3 >"$tmp/out" 2>"$tmp/got")
  rc=$?
  if [ "$rc" != 1 ]; then
    echo "FAIL $name: exit status $rc, want 1"
    cat "$tmp/got"
    fail=$((fail + 1))
  elif ! cmp -s "$tmp/want" "$tmp/got"; then
    echo "FAIL $name: the diagnostics differ:"
    diff -u "$tmp/want" "$tmp/got"
    fail=$((fail + 1))
  else
    pass=$((pass + 1))
  fi
}

# The issue's example: a board without arch passed.
expect unknown_key '/CPU of the host image/s/required = true/requried = true/' requried \
  "schema: field 'arch' of board has the unknown key 'requried'; did you mean 'required'?"
expect unknown_key_in_type '/field("image", {/{n;s/type = "record",/type = "record", feilds = {},/;}' \
  feilds "schema: field 'image' of board has the unknown key 'feilds'; did you mean 'fields'?"
expect unknown_type '/QNX SDP release/s/type = "enum"/type = "enumm"/' '"enumm"' \
  "schema: field 'qnx' of board has the unknown type 'enumm'; did you mean 'enum'?"
expect default_not_in_enum '/QNX SDP release/s/default = "7.1"/default = "7.2"/' default \
  "schema: the default of field 'qnx' of board does not fit its type: 'qnx' must be one of \"7.1\", \"8.0\"; got \"7.2\"; did you mean \"7.1\"?"
expect default_wrong_kind '/"the host.s startup script starts the guest"/s/default = true/default = "yes"/' \
  default "schema: the default of field 'autostart' of guest does not fit its type: 'autostart' must be true or false, got \"yes\""
expect flag_wrong_kind '/CPU of the host image/s/required = true/required = "yes"/' required \
  "schema: field 'arch' of board: 'required' must be a boolean, got a string"
expect vdev_unknown_key 's/{ implicit = true, pic = true/{ implict = true, pic = true/' implict \
  "schema: vdev 'gic' has the unknown key 'implict'; did you mean 'implicit'?"

# The schema as shipped reads clean (the cases above broke it, not this).
if (cd "$root" && "$bin" check rcar_h3 >/dev/null 2>"$tmp/got") &&
   [ "$(cat "$tmp/got")" = "checked 1 board" ]; then
  pass=$((pass + 1))
else
  echo "FAIL shipped: the shipped schema does not read clean:"
  cat "$tmp/got"
  fail=$((fail + 1))
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
