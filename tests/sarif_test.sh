#!/bin/sh
# SPDX-License-Identifier: MIT
# sarif_test.sh BINARY ROOT [--bless]: the SARIF the tool prints.
#
# Each folder under tests/sarif/ is one case, run in that folder: `cmd` holds
# the arguments, expected.sarif the exact log on standard error, with the
# absolute folders that differ between machines written @SRCROOT@ (the case
# folder, the default --sarif-root) and @DATA@ (ROOT, the shipped recipes'
# data folder of a build tree). --bless rewrites expected.sarif (read the
# diff first).
#
# With SARIF_MULTITOOL set (the SARIF Multitool of npm's
# @microsoft/sarif-multitool, .ci/run installs it), every log is also
# validated as GitHub code scanning does (validate --rule-kind "Sarif;Gh"),
# and any error of the validator fails the case.
# Ends with "N passed, M failed".
set -u
bin=$1
root=$2
bless=${3:-}
cases=$root/tests/sarif
unset MKBUILDFILE_PATH NO_COLOR
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
rroot=$(cd "$root" && pwd -P)
for dir in "$cases"/*/; do
  name=$(basename "$dir")
  rdir=$(cd "$dir" && pwd -P)
  (cd "$dir" && eval "set -- $(cat cmd)" && "$bin" "$@" >/dev/null 2>"$tmp/$name.sarif")
  # the case folder first: it lies inside the data folder of a build tree
  sed "s|file://$rdir/|file://@SRCROOT@/|g; s|file://$rroot/|file://@DATA@/|g" \
    "$tmp/$name.sarif" >"$tmp/$name.norm"
  ok=1
  if [ "$bless" = --bless ]; then
    cp "$tmp/$name.norm" "$dir/expected.sarif"
  elif ! cmp -s "$dir/expected.sarif" "$tmp/$name.norm"; then
    echo "FAIL $name: the log differs:"
    diff -u "$dir/expected.sarif" "$tmp/$name.norm" | head -40
    ok=0
  fi
  if [ -n "${SARIF_MULTITOOL:-}" ]; then
    rm -f "$tmp/$name.out"
    "$SARIF_MULTITOOL" validate --rule-kind "Sarif;Gh" -o "$tmp/$name.out" "$tmp/$name.sarif" \
      >"$tmp/$name.log" 2>&1
    # the validator's own log: one result per problem found, "level" absent
    # meaning warning
    errors=$(python3 -c 'import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
print(sum(1 for r in d["runs"][0].get("results", []) if r.get("level") == "error"))' \
      "$tmp/$name.out" 2>/dev/null || echo unreadable)
    if [ "$errors" != 0 ]; then
      echo "FAIL $name: the SARIF Multitool reports $errors errors:"
      grep -E ': error ' "$tmp/$name.log" | head -20
      ok=0
    fi
  fi
  if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
