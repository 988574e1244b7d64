#!/bin/sh
# SPDX-License-Identifier: MIT
# valgrind_cases.sh BINARY CASES_DIR [NAME...]: the CLI golden cases of
# run_cases.sh, each run under valgrind's memcheck, as run_cases.sh runs
# them (in the case folder, with the arguments of `cmd`, before/ copied to
# out/ first). A case fails when valgrind reports any error (invalid read or
# write, use of uninitialised memory, bad free...) or a definite or indirect
# leak, or when the exit status is not the case's `status`; the outputs are
# not compared (run_cases.sh does that). Lua's own allocations are freed by
# lua_close, so a clean run reports nothing. out/ is removed after each case.
# Ends with "N passed, M failed" and exits 1 when any case failed.
#
# VALGRIND overrides the valgrind command (default: valgrind); JOBS=N runs N
# cases at a time (default 1).
set -u
if [ $# -lt 2 ]; then
  echo "usage: $0 BINARY CASES_DIR [NAME...]" >&2
  exit 2
fi
bin=$1
cases=$2
shift 2
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
valgrind=${VALGRIND:-valgrind}
jobs=${JOBS:-1}
if ! command -v "$valgrind" >/dev/null 2>&1; then
  echo "valgrind not found: apt-get install valgrind" >&2
  exit 1
fi
unset MKBUILDFILE_PATH NO_COLOR QNX_TARGET MKIFS_PATH
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# run_one NAME: runs one case; writes $tmp/NAME.result ("ok" or the reason)
# and, on failure, keeps valgrind's report in $tmp/NAME.vg.
run_one() {
  name=$1
  dir=$cases/$name
  rm -rf "$dir/out"
  [ -d "$dir/before" ] && cp -R "$dir/before" "$dir/out"
  want=0
  [ -f "$dir/status" ] && want=$(cat "$dir/status")
  (cd "$dir" && eval "set -- $(cat cmd)" &&
    "$valgrind" --leak-check=full --errors-for-leak-kinds=definite,indirect \
      --error-exitcode=99 --quiet --log-file="$tmp/$name.vg" \
      "$bin" "$@" >/dev/null 2>"$tmp/$name.stderr")
  got=$?
  rm -rf "$dir/out"
  if [ "$got" = 99 ] || [ -s "$tmp/$name.vg" ]; then
    echo "valgrind reported errors (exit status $got)" >"$tmp/$name.result"
  elif [ "$got" != "$want" ]; then
    echo "exit status $got, want $want" >"$tmp/$name.result"
  else
    echo ok >"$tmp/$name.result"
  fi
}

if [ $# -gt 0 ]; then names="$*"; else names=$(cd "$cases" && ls); fi
todo=
for name in $names; do
  [ -f "$cases/$name/cmd" ] && todo="$todo $name"
done

running=0
for name in $todo; do
  if [ "$jobs" -le 1 ]; then
    run_one "$name"
  else
    run_one "$name" &
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then
      wait
      running=0
    fi
  fi
done
wait

pass=0
fail=0
for name in $todo; do
  result=$(cat "$tmp/$name.result" 2>/dev/null || echo "no result")
  if [ "$result" = ok ]; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL $name: $result"
    [ -s "$tmp/$name.vg" ] && sed 's/^/  /' "$tmp/$name.vg" | head -80
    if [ -s "$tmp/$name.stderr" ]; then
      echo "  stderr:"
      sed 's/^/    /' "$tmp/$name.stderr" | head -10
    fi
  fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
