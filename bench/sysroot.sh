#!/bin/bash
# SPDX-License-Identifier: MIT
# bench/sysroot.sh [BINARY] (bash): the cost of the closure check with host
# files. Builds a synthetic sysroot of 5,000 files (ELF programs and
# libraries made by gcc and ld from a few templates, copied under many names, and
# data files) over the folders mkifs searches, and a board of 400 entries
# taken from it (360 programs, 40 libraries they need, the script running 50
# of them). Times, as medians of BENCH_RUNS runs:
#   A  check BOARD                  (the closure check without host files)
#   S  check BOARD --sysroot DIR    (every host file looked up, its ELF read)
#   H  head -c 8192 of the 400 files the image holds, in one process: the
#      time to read those ELF headers once
# and prints them with the budget of issue 12: S <= 2 A + H.
# BENCH_RUNS sets the number of runs (21), BENCH_FILES the size of the
# sysroot (5000; at least 700). Needs gcc. No assertion: numbers only.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../build/mkbuildfile}
[ -x "$bin" ] || { echo "no binary at $bin: build first (cmake --build build)" >&2; exit 2; }
command -v gcc >/dev/null || { echo "gcc is missing: apt-get install gcc" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
unset QNX_TARGET MKIFS_PATH MKBUILDFILE_PATH

# ---- the sysroot: 5,000 files -------------------------------------------------
sr=sysroot
dirs="sbin usr/sbin boot/sys bin usr/bin lib lib/dll usr/lib"
for d in $dirs; do mkdir -p "$sr/$d"; done
mkdir -p src tpl lib
for k in 0 1 2 3 4 5 6 7; do
  printf 'int f%d(void) { return %d; }\n' "$k" "$k" >src/l$k.c
  printf 'int f%d(void); int f%d(void);\nvoid _start(void) { f%d(); f%d(); for (;;) {} }\n' \
    "$k" $(((k + 1) % 8)) "$k" $(((k + 1) % 8)) >src/p$k.c
done
# one compile, then ld for each library (five times faster than gcc each)
gcc -c -fPIC src/l?.c
for i in $(seq 0 39); do ld -shared -soname "libb$i.so.1" -o "$sr/lib/libb$i.so.1" "l$((i % 8)).o"; done
# eight program templates, each needing two of the libraries
for k in 0 1 2 3 4 5 6 7; do
  gcc -nostdlib -o tpl/p$k src/p$k.c "$sr/lib/libb$k.so.1" "$sr/lib/libb$(((k + 1) % 8)).so.1"
done
echo "startup stand-in" >"$sr/boot/sys/startup-x86"
echo "kernel stand-in" >"$sr/boot/sys/procnto-smp-instr"
# the rest, up to 5,000: copies of the programs and data files, spread over
# the folders (written by one Lua process: a cp per file would be the
# slowest part of the benchmark)
# shellcheck disable=SC2086
lua5.4 - "$sr" "$(find "$sr" -type f | wc -l)" "${BENCH_FILES:-5000}" $dirs <<'EOF'
local sr, n, want, dirs = arg[1], tonumber(arg[2]), tonumber(arg[3]), { table.unpack(arg, 4) }
local tpl = {}
for k = 0, 7 do
  local f = assert(io.open("tpl/p" .. k, "rb"))
  tpl[k] = f:read("a")
  f:close()
end
local i = 0
while n < want do
  local d = dirs[i % 8 + 1]
  local name, data = ("%s/%s/prog%d"):format(sr, d, i), tpl[i % 8]
  if i % 3 == 0 then name, data = ("%s/%s/data%d.cfg"):format(sr, d, i), ("data %d\n"):format(i) end
  local f = assert(io.open(name, "wb"))
  f:write(data)
  f:close()
  i, n = i + 1, n + 1
end
EOF

# ---- the board: 400 entries ---------------------------------------------------
progs=$(cd "$sr" && find . -name 'prog*' -type f | sed 's|^\./||' | sort | head -n 360)
{
  echo 'board "big" {'
  echo '  arch = "x86_64", image = { format = "bios" },'
  echo '  startup = { "startup-x86" }, kernel = { "procnto-smp-instr" },'
  echo '  env = { PATH = "/proc/boot" },'
  echo '  script = {'
  echo "$progs" | head -n 50 | while read -r p; do echo "    { \"${p##*/}\", bg = true },"; done
  echo '  },'
  echo '  files = {'
  echo "$progs" | while read -r p; do echo "    [\"${p##*/}\"] = true,"; done
  for i in $(seq 0 39); do echo "    [\"libb$i.so.1\"] = true,"; done
  echo '  },'
  echo '}'
} >lib/big.lua
files=$( (echo "$progs" | sed "s|^|$sr/|"; for i in $(seq 0 39); do echo "$sr/lib/libb$i.so.1"; done) )
"$bin" check big -I lib --sysroot "$sr" --Werror 2>/dev/null ||
  { echo "the synthetic board does not check clean:" >&2; "$bin" check big -I lib --sysroot "$sr" >&2; exit 1; }

runs=${BENCH_RUNS:-21}
# median CMD...: the median wall time of $runs runs, in ms
median() {
  local i t0 t1
  for ((i = 0; i < runs; i++)); do
    t0=$EPOCHREALTIME
    "$@" >/dev/null 2>&1
    t1=$EPOCHREALTIME
    echo "$t0 $t1"
  done | awk '{ print ($2 - $1) * 1000 }' | sort -g |
    awk '{ v[NR] = $1 } END { printf "%.2f", v[int((NR + 1) / 2)] }'
}
# shellcheck disable=SC2086
a=$(median "$bin" check big -I lib)
s=$(median "$bin" check big -I lib --sysroot "$sr")
h=$(median head -q -c 8192 $files)
echo "sysroot: $(find "$sr" -type f | wc -l) files; image: $(grep -c '"] = true' lib/big.lua) entries"
echo
echo "| what | median of $runs runs |"
echo "|---|---:|"
echo "| A: \`check big\` | $a ms |"
echo "| S: \`check big --sysroot DIR\` | $s ms |"
echo "| H: the 400 files' first 8 KiB read once (\`head -c 8192\`) | $h ms |"
awk -v a="$a" -v s="$s" -v h="$h" 'BEGIN {
  printf "\nbudget 2A + H = %.2f ms; S = %.2f ms: %s\n", 2 * a + h, s, s <= 2 * a + h ? "within" : "OVER" }'
