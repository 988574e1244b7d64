#!/bin/sh
# SPDX-License-Identifier: MIT
# deb_test.sh BUILD_DIR VERSION [sanitize]: cpack -G DEB builds a package that lintian
# passes with no error (its warnings and notes are printed), that depends on
# Debian's runtime packages and recommends bash-completion, and that holds a
# stripped binary, the gzipped man page and changelog, and the copyright
# file. With "sanitize" (a build with MKB_SANITIZE), the binary also links
# the sanitizers' runtimes, which dpkg-shlibdeps rightly adds. Needs lintian
# and dpkg-dev. Ends with "N passed, M failed".
set -u
build=$1
version=$2
sanitize=${3:-}
pass=0
fail=0
check() {  # DESCRIPTION COMMAND...
  _what=$1
  shift
  if "$@"; then pass=$((pass + 1)); else echo "FAIL $_what"; fail=$((fail + 1)); fi
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if ! (cd "$build" && cpack -G DEB -B "$tmp" >"$tmp/cpack.log" 2>&1); then
  cat "$tmp/cpack.log"
  echo "0 passed, 1 failed"
  exit 1
fi
deb=$(ls "$tmp"/mkbuildfile_"$version"_*.deb)
depends=$(dpkg-deb -f "$deb" Depends)
if [ "$sanitize" = sanitize ]; then
  depends=$(printf '%s' "$depends" | sed -E 's/, lib(asan|ubsan)[0-9]+( \([^)]*\))?//g')
fi
check "Depends names lua-filesystem, libc6 and liblua5.4-0 ($depends)" \
  sh -c 'case "$1" in "lua-filesystem, libc6 (>= "*"), liblua5.4-0 (>= "*")") exit 0 ;; esac; exit 1' - "$depends"
check "Recommends bash-completion" [ "$(dpkg-deb -f "$deb" Recommends)" = bash-completion ]
dpkg-deb -c "$deb" >"$tmp/list"
for f in ./usr/share/mkbuildfile/boards/rcar_h3.lua ./usr/share/man/man1/mkbuildfile.1.gz \
         ./usr/share/doc/mkbuildfile/copyright ./usr/share/doc/mkbuildfile/changelog.gz \
         ./usr/share/bash-completion/completions/mkbuildfile; do
  check "the package holds $f" grep -q " $f\$" "$tmp/list"
done
dpkg-deb -x "$deb" "$tmp/root"
check "the binary is stripped" sh -c '! readelf -S "$1" | grep -q "\.symtab"' - "$tmp/root/usr/bin/mkbuildfile"
if command -v lintian >/dev/null 2>&1; then
  # lintian warns when run as root; that is about this machine, not the package
  lintian --fail-on error --display-info "$deb" >"$tmp/lintian" 2>&1
  rc=$?
  grep -v 'running with root privileges' "$tmp/lintian"
  check "lintian finds no error" [ $rc -eq 0 ]
else
  echo "lintian not found: apt-get install lintian"
  check "lintian is installed" false
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
