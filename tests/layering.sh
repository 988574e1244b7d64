#!/bin/sh
# SPDX-License-Identifier: MIT
# The one rule of direction (src/README.md): a file of src/ includes only
# headers of its own part or of parts below it. Parts, bottom up:
#   base < load < core < formats, views < cli
# formats and views are side by side: neither includes the other.
# Prints every back-edge as FILE:LINE: and fails when there is one.
set -u
src=${1:?usage: layering.sh SRC_DIR}
rank() {
  case $1 in
    base) echo 0 ;; load) echo 1 ;; core) echo 2 ;; formats) echo 3 ;; views) echo 3 ;; cli) echo 4 ;;
    *) echo 99 ;;
  esac
}
bad=0 files=0 edges=0
for f in "$src"/*/*.[ch]; do
  files=$((files + 1))
  part=$(basename "$(dirname "$f")")
  me=$(rank "$part")
  if [ "$me" = 99 ]; then echo "$f: not in a known part"; bad=$((bad + 1)); continue; fi
  # '#include "part/x.h"' lines, with their line numbers
  grep -n '^#include "' "$f" | while IFS= read -r l; do
    n=${l%%:*}
    inc=$(printf '%s\n' "$l" | sed 's/^[0-9]*:#include "\([^"]*\)".*/\1/')
    case $inc in
      */*) ip=${inc%%/*} ;;
      *) echo "$f:$n: includes \"$inc\" without its part"; continue ;;
    esac
    them=$(rank "$ip")
    if [ "$them" -gt "$me" ] || { [ "$them" = "$me" ] && [ "$ip" != "$part" ]; }; then
      echo "$f:$n: $part includes $inc, a part above or beside it"
    fi
  done
done > "${TMPDIR:-/tmp}/layering.$$"
edges=$(grep -c . "${TMPDIR:-/tmp}/layering.$$")
cat "${TMPDIR:-/tmp}/layering.$$"
rm -f "${TMPDIR:-/tmp}/layering.$$"
if [ "$edges" -ne 0 ] || [ "$bad" -ne 0 ]; then
  echo "$edges back-edges in $files files"
  exit 1
fi
echo "1 passed, 0 failed ($files files, 0 back-edges)"
