#!/bin/bash
# SPDX-License-Identifier: MIT
# bench/parse.sh [BINARY] (bash): the cost of reading existing files against
# the length of a line (issue 15, item 8). For N = 5,000 to 40,000 words, lints
# a buildfile whose script has one line of N VAR=value settings, one whose
# bootstrap has a procnto line of N arguments, one with an attribute group of
# N attributes, and a .qvmconf with a vdev line of N options. Prints a
# markdown table of wall time and peak memory (medians of BENCH_RUNS runs,
# default 3; BENCH_SIZES lists the Ns). Needs /usr/bin/time (Debian: time). No assertion: numbers only
# (tests/parser_linear.sh bounds the memory of the 20,000-word cases).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../build/mkbuildfile}
runs=${BENCH_RUNS:-3}
[ -x "$bin" ] || { echo "no binary at $bin: build first (cmake --build build)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is missing: apt-get install time" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

words() { awk -v n="$1" -v w="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%s ", w; }'; }

# make KIND N FILE: the input of that kind with N words on its long line.
make_input() {
  local boot='[virtual=aarch64le,raw] boot = {
    startup-test'
  case $1 in
    script) { echo "$boot"; echo "    procnto-smp-instr"; echo "}"; echo "[+script] s = {"
              echo "    $(words "$2" a=b)"; echo "}"; } >"$3" ;;
    boot) { echo "$boot"; echo "    procnto-smp-instr $(words "$2" -v)"; echo "}"; } >"$3" ;;
    group) { echo "[$(words "$2" uid=0)]"; echo "a"; } >"$3" ;;
    vdev) { echo "system g"; echo "ram 0x80000000,128M"; echo "cpu"
            echo "vdev shmem $(words $(($2 / 2)) 'allow x')"; } >"$3" ;;
  esac
}

# median FILE: "wall_s peak_kb", medians over the runs of lint FILE.
median() {
  : >"$tmp/samples"
  for ((i = 0; i < runs; i++)); do
    /usr/bin/time -f '%e %M' -o "$tmp/t" "$bin" lint "$1" >/dev/null 2>&1 || true
    tail -1 "$tmp/t" >>"$tmp/samples"
  done
  for col in 1 2; do
    cut -d' ' -f$col "$tmp/samples" | sort -g | awk '{ v[NR] = $1 } END { printf "%s ", v[int((NR + 1) / 2)] }'
  done
}

echo "| input | words | line (KB) | wall (s) | peak memory (MB) |"
echo "|---|---:|---:|---:|---:|"
for kind in script boot group vdev; do
  for n in ${BENCH_SIZES:-5000 10000 20000 40000}; do
    f=$tmp/in.$kind.$n
    [ $kind = vdev ] && f=$f.qvmconf || f=$f.build
    make_input $kind $n "$f"
    read -r wall kb <<<"$(median "$f")"
    kbytes=$(awk -v f="$f" 'BEGIN { m = 0 } { if (length($0) > m) m = length($0) } END { printf "%d", m / 1024 }' "$f")
    echo "| $kind | $n | $kbytes | $wall | $((kb / 1024)) |"
  done
done
