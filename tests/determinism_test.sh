#!/bin/sh
# SPDX-License-Identifier: MIT
# determinism_test.sh BINARY ROOT [seeds]: output does not depend on the run.
#
# Lua 5.4 seeds its string hashes per state from the time and from addresses
# (luai_makeseed in lstate.c: the state, a local variable, a function), so
# with address space randomization raw pairs order changes from process to
# process. The recipe sandbox's next and pairs have an order of their own.
#
# Without "seeds": the pairs recipe of tests/cases/pairs_order is rendered by
# 20 processes, which must all print the same (the golden case says what).
# As a control, the same loop in lua5.4 must give more than one order over
# 20 processes, or the test could not fail: then it exits 77 (skipped).
#
# With "seeds": two hash seeds are forced. setarch -R turns randomization
# off for one process, so its addresses depend only on what the stack holds
# at start: two environments of different sizes give two different but fixed
# seeds (within one second, the time's share). The control: lua5.4's raw
# pairs order differs between the two. Then the example family and the pairs
# recipe are rendered under both, and the trees must be the same. Exits 77 (skipped) where
# setarch cannot turn randomization off (a container may forbid it).
set -u
bin=$1
root=$2
mode=${3:-}
unset MKBUILDFILE_PATH QNX_TARGET MKIFS_PATH
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
raw='local t = {} for i = 1, 40 do t["k" .. i] = i end
local s = {} for k in pairs(t) do s[#s + 1] = k end print(table.concat(s, ","))'

if [ "$mode" != seeds ]; then
  for i in $(seq 1 20); do
    (cd "$root/tests/cases/pairs_order" && "$bin" render p -I .) >"$tmp/out.$i" 2>&1
    lua5.4 -e "$raw" >"$tmp/raw.$i"
  done
  if [ "$(cat "$tmp"/raw.* | sort -u | wc -l)" -lt 2 ]; then
    echo "SKIP: lua5.4 gave one pairs order in 20 processes (no address randomization?)"
    exit 77
  fi
  n=$(md5sum "$tmp"/out.* | cut -d' ' -f1 | sort -u | wc -l)
  if [ "$n" -eq 1 ] && cmp -s "$tmp/out.1" "$root/tests/cases/pairs_order/expected.stdout"; then
    echo "1 passed, 0 failed"
    exit 0
  fi
  diff -u "$root/tests/cases/pairs_order/expected.stdout" "$tmp/out.1" | head -20
  echo "FAIL: 20 processes printed $n different outputs"
  echo "0 passed, 1 failed"
  exit 1
fi

arch=$(uname -m)
if ! setarch "$arch" -R true 2>/dev/null; then
  echo "SKIP: setarch -R cannot turn address randomization off here"
  exit 77
fi
pad1=x
pad2=$(printf '%4000s' | tr ' ' x)
under() {  # under PAD COMMAND...: one process, randomization off, PAD in its environment
  _pad=$1
  shift
  setarch "$arch" -R env "PAD=$_pad" "$@"
}
# The same second for all four runs, as far as one can: the seed takes the
# time too, and a second that ticks only makes the seeds differ more.
under "$pad1" lua5.4 -e "$raw" >"$tmp/raw1"
under "$pad1" "$bin" render --all -I "$root/examples/family" -I "$root/tests/cases/pairs_order" -o "$tmp/a" -q 2>"$tmp/err1"
under "$pad2" lua5.4 -e "$raw" >"$tmp/raw2"
under "$pad2" "$bin" render --all -I "$root/examples/family" -I "$root/tests/cases/pairs_order" -o "$tmp/b" -q 2>"$tmp/err2"
if cmp -s "$tmp/raw1" "$tmp/raw2"; then
  echo "SKIP: the two environments gave lua5.4 the same hash seed"
  exit 77
fi
if [ -s "$tmp/err1" ] || [ -s "$tmp/err2" ]; then
  echo "FAIL: the family did not render:"
  cat "$tmp/err1" "$tmp/err2"
  echo "0 passed, 1 failed"
  exit 1
fi
if diff -r "$tmp/a" "$tmp/b" >"$tmp/diff"; then
  echo "1 passed, 0 failed"
  exit 0
fi
echo "FAIL: the family renders differently under two hash seeds:"
head -40 "$tmp/diff"
echo "0 passed, 1 failed"
exit 1
