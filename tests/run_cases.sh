#!/bin/sh
# SPDX-License-Identifier: MIT
# run_cases.sh [--corpus DIR] BINARY CASES_DIR [NAME...]: the CLI golden
# cases.
#
# Each folder under CASES_DIR is one case, run in that folder:
#   cmd              the arguments (one line, shell quoting allowed)
#   status           the expected exit status (default 0)
#   expected.stdout  what must be printed (compared byte for byte; when
#                    absent, nothing may be printed)
#   expected.stderr  the diagnostics (byte for byte; when absent, none)
#   before/          copied to out/ before the run (earlier outputs)
#   expected.out/    the tree out/ must hold afterwards; when absent and the
#                    run fails, out/ must still equal before/ (or not exist):
#                    a failed run writes nothing
#   needs-corpus     (empty) the case reads the public corpus beside the
#                    project (../shared/corpus): it runs only with --corpus
#
# Without --corpus, the cases that need no corpus run. With --corpus DIR,
# only the cases marked needs-corpus run, and when DIR does not exist the
# script says so and exits 77, which CTest reports as skipped (a plain
# clone has no corpus; CI has it). Cases named on the command line run
# whether marked or not.
# Ends with "N passed, M failed" and exits 1 when any case failed.
set -u
corpus=
if [ "${1:-}" = --corpus ]; then
  corpus=$2
  shift 2
  if [ ! -d "$corpus" ]; then
    echo "SKIP: no corpus at $corpus: the cases that read it do not run"
    exit 77
  fi
fi
bin=$1
cases=$2
shift 2
unset MKBUILDFILE_PATH NO_COLOR QNX_TARGET MKIFS_PATH
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

failed() {
  echo "FAIL $name: $1"
  fail=$((fail + 1))
}

# Cases named on the command line run whatever they need.
filter=1
if [ $# -gt 0 ]; then names="$*"; filter=0; else names=$(cd "$cases" && ls); fi
for name in $names; do
  dir=$cases/$name
  [ -f "$dir/cmd" ] || continue
  if [ $filter = 1 ] && [ -n "$corpus" ]; then [ -f "$dir/needs-corpus" ] || continue
  elif [ $filter = 1 ]; then [ -f "$dir/needs-corpus" ] && continue; fi
  rm -rf "$dir/out"
  [ -d "$dir/before" ] && cp -R "$dir/before" "$dir/out"
  want=0
  [ -f "$dir/status" ] && want=$(cat "$dir/status")
  (cd "$dir" && eval "set -- $(cat cmd)" && "$bin" "$@" >"$tmp/stdout" 2>"$tmp/stderr")
  got=$?
  ok=1
  if [ "$got" != "$want" ]; then failed "exit status $got, want $want"; ok=0; fi
  for s in stdout stderr; do
    if [ -f "$dir/expected.$s" ]; then
      if ! cmp -s "$dir/expected.$s" "$tmp/$s"; then
        [ $ok = 1 ] && failed "$s differs:"
        diff -u "$dir/expected.$s" "$tmp/$s" | head -40
        ok=0
      fi
    elif [ -s "$tmp/$s" ]; then
      [ $ok = 1 ] && failed "unexpected $s:"
      head -20 "$tmp/$s"
      ok=0
    fi
  done
  if [ -d "$dir/expected.out" ]; then
    if ! diff -r "$dir/expected.out" "$dir/out" >"$tmp/tree" 2>&1; then
      [ $ok = 1 ] && failed "output tree differs:"
      head -40 "$tmp/tree"
      ok=0
    fi
  elif [ -d "$dir/before" ]; then
    if ! diff -r "$dir/before" "$dir/out" >"$tmp/tree" 2>&1; then
      [ $ok = 1 ] && failed "earlier outputs changed:"
      head -40 "$tmp/tree"
      ok=0
    fi
  elif [ -e "$dir/out" ]; then
    [ $ok = 1 ] && failed "wrote out/ but no expected.out/ describes it"
    ok=0
  fi
  # A rendered file never leaves a temporary file behind.
  if [ -d "$dir/out" ] && [ -n "$(find "$dir/out" -name '*.tmp.*' | head -1)" ]; then
    [ $ok = 1 ] && failed "left a temporary file in out/"
    ok=0
  fi
  rm -rf "$dir/out"
  [ $ok = 1 ] && pass=$((pass + 1))
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
