#!/bin/sh
# SPDX-License-Identifier: MIT
# parser_linear.sh BINARY: the readers of existing files cost memory linear in
# their input (issue 15, item 8). Each input is one line of 20,000 words
# (80 KB) where a word is read at a time: a script line of VAR=value
# settings, a bootstrap line of arguments, an attribute group, and a
# .qvmconf line of vdev options. Reading the rest of the line for every
# word took 7 GB and 38 s for the first; here `lint` must finish (exit 0 or
# 1, as the input says) within 256 MB of address space. A sanitizer build
# reserves terabytes of address space for its shadow memory: there the
# bound is ASan's hard_rss_limit_mb instead. No timing (that is
# bench/parse.sh). Ends with "N passed, M failed".
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
asan=0
if ldd "$bin" 2>/dev/null | grep -q libasan; then asan=1; fi

# words N WORD: N copies of WORD, blank-separated, on one line.
words() { awk -v n="$1" -v w="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%s ", w; }'; }

# run NAME FILE STATUS: lint FILE within the memory bound; it must exit
# with STATUS, and print nothing when that is 0.
run() {
  if [ $asan = 1 ]; then
    (ASAN_OPTIONS="${ASAN_OPTIONS:-}:hard_rss_limit_mb=256" "$bin" lint "$2") \
      >"$tmp/out" 2>"$tmp/err"
  else
    (ulimit -v 262144 && exec "$bin" lint "$2") >"$tmp/out" 2>"$tmp/err"
  fi
  rc=$?
  if [ $rc = "$3" ] && { [ $rc != 0 ] || [ ! -s "$tmp/err" ]; }; then
    pass=$((pass + 1))
  else
    echo "FAIL $1: exit status $rc, want $3"
    head -5 "$tmp/err"
    fail=$((fail + 1))
  fi
}

boot='[virtual=aarch64le,raw] boot = {
    startup-test'
{ echo "$boot"; echo "    procnto-smp-instr"; echo "}"; echo "[+script] s = {"
  echo "    $(words 20000 a=b)"; echo "}"; } >"$tmp/script.build"
run "script line of settings" "$tmp/script.build" 0

{ echo "$boot"; echo "    procnto-smp-instr $(words 20000 -v)"; echo "}"; } >"$tmp/boot.build"
run "bootstrap line of arguments" "$tmp/boot.build" 0

{ echo "[$(words 20000 uid=0)]"; echo "a"; } >"$tmp/group.build"
run "attribute group" "$tmp/group.build" 0

{ echo "system g"; echo "ram 0x80000000,128M"; echo "cpu"
  echo "vdev shmem $(words 10000 'allow x')"; } >"$tmp/vdev.qvmconf"
run "vdev options" "$tmp/vdev.qvmconf" 0

echo "$pass passed, $fail failed"
[ $fail = 0 ]
