#!/bin/sh
# SPDX-License-Identifier: MIT
# bless.sh BINARY CASE...: rewrite the expected files of the named golden
# cases from what BINARY does now. Only after reading the diff that
# run_cases.sh printed: a golden file is a claim about the right output.
set -eu
bin=$1
shift
cases=$(cd "$(dirname "$0")/cases" && pwd)
for name in "$@"; do
  dir=$cases/$name
  rm -rf "$dir/out" "$dir/expected.stdout" "$dir/expected.stderr" "$dir/expected.out"
  [ -d "$dir/before" ] && cp -R "$dir/before" "$dir/out"
  set +e
  (cd "$dir" && eval "set -- $(cat cmd)" && "$bin" "$@" >"$dir/.stdout" 2>"$dir/.stderr")
  rc=$?
  set -e
  [ -s "$dir/.stdout" ] && mv "$dir/.stdout" "$dir/expected.stdout" || rm -f "$dir/.stdout"
  [ -s "$dir/.stderr" ] && mv "$dir/.stderr" "$dir/expected.stderr" || rm -f "$dir/.stderr"
  if [ -d "$dir/out" ] && [ $rc -eq 0 ]; then mv "$dir/out" "$dir/expected.out"; fi
  rm -rf "$dir/out"
  if [ $rc -ne 0 ]; then echo $rc > "$dir/status"; else rm -f "$dir/status"; fi
  echo "blessed $name (exit $rc)"
done
