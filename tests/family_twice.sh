#!/bin/sh
# SPDX-License-Identifier: MIT
# family_twice.sh BINARY ROOT: the example family renders completely, and
# twice to the byte the same (in one run and across runs); a second render
# into the same folder changes no file.
set -eu
bin=$1
root=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" render --all -I "$root/examples/family" -o "$tmp/a" 2>"$tmp/err.a"
"$bin" render --all -I "$root/examples/family" -o "$tmp/b" 2>"$tmp/err.b"
grep -qx 'rendered 14 of 14 boards' "$tmp/err.a"
diff -r "$tmp/a" "$tmp/b"
n=$(find "$tmp/a" -name '*.build' -path '*/acme-*' | wc -l)
# 8 variants and acme-base: a host buildfile each, and a guest image each
[ "$n" -eq 18 ] || { echo "expected 18 acme buildfiles, found $n"; exit 1; }
find "$tmp/a" -type f -exec stat -c '%n %Y %i' {} + | sort >"$tmp/stat.1"
sleep 1
"$bin" render --all -I "$root/examples/family" -o "$tmp/a" 2>/dev/null
find "$tmp/a" -type f -exec stat -c '%n %Y %i' {} + | sort >"$tmp/stat.2"
diff "$tmp/stat.1" "$tmp/stat.2"
echo "1 passed, 0 failed"
