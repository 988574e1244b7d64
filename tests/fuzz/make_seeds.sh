#!/bin/sh
# SPDX-License-Identifier: MIT
# make_seeds.sh OUTDIR [SHARED_CORPUS]: (re)builds the seed corpora in OUTDIR
# from the tree (the build makes them in its own folder, so that the seeds
# are never a stale second copy of the project's files):
#   scan/     the shipped recipes (boards/, recipes/, examples/), the prelude
#             and schema (lua/), and the recipes of the golden cases
#   build/    the golden buildfiles (tests/cases/*/expected.out/**.build) and
#             the buildfiles the cases read; shared/ the public buildfiles of
#             SHARED_CORPUS/buildfiles with their SOURCES.md
#   qvmconf/  the same for .qvmconf (SHARED_CORPUS/qvmconf, .partial included)
#   elf/      small ELF files of both classes and byte orders, whole and cut
#             short (elf_seeds.lua), and /bin/true of the machine
#   bspdefs/  the board definitions files of the golden cases (*.m4)
# SHARED_CORPUS defaults to ../shared/corpus beside the work tree, else
# /work/shared/corpus. A file is named after its path ('/' -> '__'); files
# with the same content are kept once.
set -eu
out=$1
case $out in /*) ;; *) out=$(pwd)/$out ;; esac
cd "$(dirname "$0")/../.."
shared=${2:-}
if [ -z "$shared" ]; then
  if [ -d ../shared/corpus ]; then shared=../shared/corpus; else shared=/work/shared/corpus; fi
fi
seeds=$out
rm -rf "$seeds"
mkdir -p "$seeds/scan" "$seeds/build/shared" "$seeds/qvmconf/shared" "$seeds/elf" "$seeds/bspdefs"

# add DIR FILE...: copies each file into DIR unless DIR holds its content
add() {
  into=$1
  shift
  for src in "$@"; do
    [ -f "$src" ] || continue
    sum=$(cksum <"$src")
    if [ -f "$into/.sums" ] && grep -qxF "$sum" "$into/.sums"; then continue; fi
    echo "$sum" >>"$into/.sums"
    cp "$src" "$into/$(echo "$src" | sed 's|^\./||; s|/|__|g')"
  done
}

add "$seeds/scan" $(find boards recipes examples lua -name '*.lua' | sort)
add "$seeds/scan" $(find tests/cases -name '*.lua' -not -path '*/out/*' | sort)
add "$seeds/build" $(find tests/cases -name '*.build' -not -path '*/out/*' | sort)
add "$seeds/qvmconf" $(find tests/cases -name '*.qvmconf' -not -path '*/out/*' | sort)
add "$seeds/bspdefs" $(find tests/cases -name '*.m4' -not -path '*/out/*' | sort)
if [ -d "$shared" ]; then
  # the public files keep their own names, and SOURCES.md goes beside them
  for t in build qvmconf; do
    from=$shared/buildfiles
    [ $t = qvmconf ] && from=$shared/qvmconf
    for f in "$from"/*; do
      [ -f "$f" ] && cp "$f" "$seeds/$t/shared/$(basename "$f")"
    done
  done
else
  echo "make_seeds.sh: no shared corpus at $shared; seeds without it" >&2
fi
lua5.4 tests/fuzz/elf_seeds.lua "$seeds/elf"
[ -f /bin/true ] && cp /bin/true "$seeds/elf/bin-true"
find "$seeds" -name .sums -delete
chmod -R u+w,go-w,a+r "$seeds"
for t in scan build qvmconf elf bspdefs; do
  echo "$t: $(find "$seeds/$t" -type f | wc -l) files, $(du -sk "$seeds/$t" | cut -f1) KiB"
done
