#!/bin/sh
# SPDX-License-Identifier: MIT
# roundtrip_build.sh BINARY ROOT: every corpus buildfile (ROOT/../shared/
# corpus/buildfiles) survives import → render → import. The recipe import
# writes is a function of the parsed model alone, so two equal recipes mean
# that the rendered buildfile parses to the model of the original (the unit
# test test_parse_build compares the models themselves, with provenance
# aside). A buildfile without a bootstrap (a non-bootable image) is skipped
# while the schema requires one. Ends with "N passed, M failed, K skipped".
set -u
bin=$1
root=$2
corpus=$root/../shared/corpus/buildfiles
if [ ! -d "$corpus" ]; then
  echo "SKIP roundtrip_build: no buildfile corpus at $corpus"
  exit 0
fi
unset MKBUILDFILE_PATH QNX_TARGET MKIFS_PATH
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
skip=0
for f in "$corpus"/*.build; do
  [ -f "$f" ] || continue
  base=$(basename "$f")
  name=${base%%.*}
  mkdir -p "$tmp/a" "$tmp/b"
  if ! "$bin" import "$f" -o "$tmp/a/$name.lua" 2>"$tmp/err"; then
    echo "FAIL $base: import failed:"
    cat "$tmp/err"
    fail=$((fail + 1))
    continue
  fi
  if ! "$bin" render "$name" -I "$tmp/a" -o "$tmp/b/$name.build" 2>"$tmp/err"; then
    if ! grep -q '^  startup ' "$tmp/a/$name.lua"; then
      echo "SKIP $base: no bootstrap (a non-bootable image does not render yet)"
      skip=$((skip + 1))
    else
      echo "FAIL $base: the imported recipe does not render:"
      cat "$tmp/err"
      fail=$((fail + 1))
    fi
    continue
  fi
  if ! "$bin" import "$tmp/b/$name.build" -o "$tmp/b/$name.lua" 2>"$tmp/err"; then
    echo "FAIL $base: the rendered buildfile does not import:"
    cat "$tmp/err"
    fail=$((fail + 1))
    continue
  fi
  if cmp -s "$tmp/a/$name.lua" "$tmp/b/$name.lua"; then
    pass=$((pass + 1))
  else
    echo "FAIL $base: render then import gives another recipe:"
    diff -u "$tmp/a/$name.lua" "$tmp/b/$name.lua" | head -40
    fail=$((fail + 1))
  fi
  rm -rf "$tmp/a" "$tmp/b"
done
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
