#!/bin/bash
# SPDX-License-Identifier: MIT
# bench/run.sh [BINARY] (bash): time mkbuildfile on synthetic families of 10, 100
# and 1,000 boards (bench/gen.lua), with `lua5.4 -e ''` as the floor.
# Prints a markdown table: medians of several runs of wall time, CPU time
# (user + system) and peak memory, each also as a ratio to the floor.
# Needs lua5.4 and /usr/bin/time (Debian: time). No assertion: numbers only.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../build/mkbuildfile}
[ -x "$bin" ] || { echo "no binary at $bin: build first (cmake --build build)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is missing: apt-get install time" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
seq=0

# median RUNS CMD...: prints "wall cpu maxrss_kb" (medians over RUNS runs);
# an argument @OUT@ becomes a new output folder for each run
median() {
  runs=$1
  shift
  : >"$tmp/samples"
  i=0
  while [ $i -lt "$runs" ]; do
    # Each run writes into a folder of a new name: re-creating a deleted
    # folder of thousands of files is slow on some file systems, and that
    # is the file system's cost, not the tool's.
    seq=$((seq + 1))
    out=$tmp/out.$seq
    cmd=""
    for a in "$@"; do [ "$a" = @OUT@ ] && a=$out; cmd="$cmd '$a'"; done
    # wall from the clock in nanoseconds; CPU and memory from time(1)
    t0=$(date +%s%N)
    eval "/usr/bin/time -f '%U %S %M' -o '$tmp/t' $cmd" >/dev/null 2>"$tmp/err" ||
      { echo "failed: $*" >&2; cat "$tmp/err" >&2; exit 1; }
    t1=$(date +%s%N)
    awk -v ns=$((t1 - t0)) '{ printf "%.4f %.3f %d\n", ns / 1e9, $1 + $2, $3 }' "$tmp/t" >>"$tmp/samples"
    i=$((i + 1))
  done
  for col in 1 2 3; do
    cut -d' ' -f$col "$tmp/samples" | sort -g | awk '{ v[NR] = $1 } END { printf "%s ", v[int((NR + 1) / 2)] }'
  done
  echo
}

# The floor and the single board, timed in alternation (one run of each,
# 301 times) with bash's microsecond clock: load that comes and goes hits
# both alike. Medians.
pair() {
  local i t0 t1 t2
  : >"$tmp/pair"
  for ((i = 0; i < 301; i++)); do
    t0=$EPOCHREALTIME
    lua5.4 -e '' >/dev/null 2>&1
    t1=$EPOCHREALTIME
    "$bin" render rcar_h3 -o "$tmp/one" >/dev/null 2>&1
    t2=$EPOCHREALTIME
    echo "$t0 $t1 $t2" >>"$tmp/pair"
  done
  awk '{ f[NR] = ($2 - $1) * 1000; r[NR] = ($3 - $2) * 1000; q[NR] = r[NR] / f[NR] }
       function med(a, n,   i, j, t) { for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j-1] > a[j]; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t } return a[int((n + 1) / 2)] }
       END { printf "%.3f %.3f %.2f\n", med(f, NR), med(r, NR), med(q, NR) }' "$tmp/pair"
}

read -r floor_ms one_ms ratio <<<"$(pair)"
floor=$(echo "$floor_ms" | awk '{ printf "%.6f", $1 / 1000 }')

echo "floor: lua5.4 -e '' = ${floor_ms} ms (median of 301 runs)"
echo "render rcar_h3 -o DIR = ${one_ms} ms (median of 301 runs, alternating with the floor)"
echo "  median of the per-pair ratios: ${ratio}x the floor"
echo
echo "| boards | command | wall s | x floor | CPU s (10 ms grain) | peak MiB |"
echo "|---:|---|---:|---:|---:|---:|"
for n in 10 100 1000; do
  lib=$tmp/lib$n
  lua5.4 "$here/gen.lua" "$lib" "$n"
  runs=5
  [ "$n" -lt 1000 ] && runs=9
  for what in render check one; do
    case $what in
      render) set -- "$bin" render --all -I "$lib" -o @OUT@; label="render --all -o DIR" ;;
      check) set -- "$bin" check --all -I "$lib"; label="check --all" ;;
      one) set -- "$bin" render b1 -I "$lib" -o @OUT@; label="render b1 -o DIR" ;;
    esac
    set -- $(median $runs "$@")
    echo "$n $label $1 $2 $3 $floor" | awk '{
      n = $1; w = $(NF - 3); c = $(NF - 2); m = $(NF - 1); f = $NF
      label = $2; for (i = 3; i <= NF - 4; i++) label = label " " $i
      printf "| %d | `%s` | %.4f | %.1f | %.2f | %.1f |\n", n, label, w, w / f, c, m / 1024 }'
  done
done
