#!/bin/sh
# SPDX-License-Identifier: MIT
# sysroot_test.sh BINARY ROOT: check --sysroot on real ELF files. gcc builds
# a shared library with a soname and programs linked against it (so their
# DT_NEEDED is real), laid out as a sysroot (bin/, lib/, boot/sys/); each
# case below asserts the exact diagnostics and exit status:
#   clean        an x86_64 image with the program and its library (by soname)
#   nolib        the library left out of the image
#   missing      host files on no folder of the search path (one optional)
#   qnx_target   the same lookup without --sysroot: QNX_TARGET/x86_64, and
#   mkifs_path   MKIFS_PATH (${VAR} expanded) in place of the default path
#   machine      an aarch64le image of the native x86_64 files, and a copy of
#                the program whose e_machine is changed to AArch64 (183)
#   truncated    a copy of the library cut inside its ELF header
#   depfile      render -MD lists the host files found
#   readme       the shipped x86_64 board on a sysroot where every file is
#                there and one program needs a library the board does not
#                list: the example of README.md, "Will it boot?", which must
#                show the message word for word
# Ends with "N passed, M failed".
set -u
bin=$1
root=$2
command -v gcc >/dev/null || { echo "sysroot_test: gcc is missing (apt-get install gcc)"; exit 1; }
unset MKBUILDFILE_PATH QNX_TARGET MKIFS_PATH NO_COLOR
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
pass=0
fail=0

# expect NAME STATUS EXPECTED-STDERR CMD...: runs CMD, compares
expect() {
  name=$1 want_rc=$2 want=$3
  shift 3
  "$@" >out.txt 2>err.txt
  rc=$?
  printf '%s' "$want" >want.txt
  if [ "$rc" = "$want_rc" ] && cmp -s want.txt err.txt; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL $name: exit status $rc (want $want_rc)"
    diff -u want.txt err.txt
  fi
}

# ---- the sysroot -------------------------------------------------------------
mkdir -p sysroot/bin sysroot/lib sysroot/boot/sys src recipes
printf 'int foo(void) { return 42; }\n' >src/foo.c
printf 'int foo(void);\nvoid _start(void) { foo(); for (;;) {} }\n' >src/hello.c
# no C library: the only library the program needs is libfoo
gcc -shared -fPIC -nostdlib -Wl,-soname,libfoo.so.1 -o sysroot/lib/libfoo.so.1 src/foo.c &&
  ln -s libfoo.so.1 sysroot/lib/libfoo.so &&
  gcc -nostdlib -o sysroot/bin/hello src/hello.c -Lsysroot/lib -lfoo ||
  { echo "sysroot_test: gcc could not build the test programs"; exit 1; }
echo "startup program stand-in" >sysroot/boot/sys/startup-x86
echo "kernel stand-in" >sysroot/boot/sys/procnto-smp-instr
# the program's e_machine (offset 18, little-endian) made AArch64's: 183
cp sysroot/bin/hello sysroot/bin/hello-arm
printf '\267\000' | dd of=sysroot/bin/hello-arm bs=1 seek=18 conv=notrunc 2>/dev/null
head -c 40 sysroot/lib/libfoo.so.1 >sysroot/lib/libcut.so

cat >recipes/t.lua <<'EOF'
board "clean" {
  arch    = "x86_64",
  image   = { format = "bios" },
  startup = { "startup-x86" },
  kernel  = { "procnto-smp-instr" },
  env     = { PATH = "/proc/boot" },
  script  = { { "hello", bg = true } },
  files   = { hello = true, ["libfoo.so"] = true },
}
board "nolib" { include = { "clean" }, files = { ["libfoo.so"] = delete } }
board "missing" {
  include = { "clean" },
  files   = { ["libbar.so.2"] = true, ["/opt/x"] = "data/x", ["q"] = { optional = true } },
}
board "arm" { include = { "clean" }, arch = "aarch64le", image = { format = "raw" } }
board "machine" { include = { "clean" }, files = { ["/bin/hello-arm"] = "hello-arm" } }
board "truncated" { include = { "clean" }, files = { ["libcut.so"] = true } }
EOF

# ---- the cases -----------------------------------------------------------------
expect clean 0 "checked 1 board
" "$bin" check clean -I recipes --sysroot sysroot

expect nolib 1 "recipes/t.lua:8:15: error: '/proc/boot/hello' (host file sysroot/bin/hello) needs the shared library libfoo.so.1, which is not in the image of board 'nolib'
1 error, 0 warnings
checked 1 board, 1 failed
" "$bin" check nolib -I recipes --sysroot sysroot

dirs="sysroot/sbin, sysroot/usr/sbin, sysroot/boot/sys, sysroot/bin, sysroot/usr/bin, sysroot/lib, sysroot/lib/dll, sysroot/usr/lib"
expect missing 1 "recipes/t.lua:13:15: error: host file 'libbar.so.2' of board 'missing' is in no folder of mkifs' search path: $dirs
recipes/t.lua:13:39: error: host file 'data/x' of board 'missing' is in no folder of mkifs' search path: . (where mkifs runs), $dirs
recipes/t.lua:13:62: warning: host file 'q' of board 'missing' is in no folder of mkifs' search path: $dirs; it is optional: mkifs leaves it out
2 errors, 1 warning
checked 1 board, 1 failed
" "$bin" check missing -I recipes --sysroot sysroot

expect arm 1 "recipes/t.lua:8:15: error: host file 'hello' of board 'arm' (sysroot/bin/hello) is built for x86_64; the image is aarch64le
recipes/t.lua:8:29: error: host file 'libfoo.so' of board 'arm' (sysroot/lib/libfoo.so) is built for x86_64; the image is aarch64le
2 errors, 0 warnings
checked 1 board, 1 failed
" "$bin" check arm -I recipes --sysroot sysroot

expect machine 1 "recipes/t.lua:16:52: error: host file 'hello-arm' of board 'machine' (sysroot/bin/hello-arm) is built for aarch64le; the image is x86_64
1 error, 0 warnings
checked 1 board, 1 failed
" "$bin" check machine -I recipes --sysroot sysroot

expect truncated 1 "recipes/t.lua:17:54: error: host file 'libcut.so' of board 'truncated' (sysroot/lib/libcut.so) is not a valid ELF file: it ends inside its header (40 of 64 bytes)
1 error, 0 warnings
checked 1 board, 1 failed
" "$bin" check truncated -I recipes --sysroot sysroot

# ---- without --sysroot: QNX_TARGET and the image's CPU, or MKIFS_PATH --------
mkdir -p qt && ln -s ../sysroot qt/x86_64
expect qnx_target 1 "recipes/t.lua:8:15: error: '/proc/boot/hello' (host file qt/x86_64/bin/hello) needs the shared library libfoo.so.1, which is not in the image of board 'nolib'
1 error, 0 warnings
checked 1 board, 1 failed
" env QNX_TARGET=qt "$bin" check nolib -I recipes
expect mkifs_path 1 "recipes/t.lua:4:15: error: host file 'startup-x86' of board 'clean' is in no folder of mkifs' search path: qt/x86_64/bin, sysroot/lib
recipes/t.lua:5:15: error: host file 'procnto-smp-instr' of board 'clean' is in no folder of mkifs' search path: qt/x86_64/bin, sysroot/lib
2 errors, 0 warnings
checked 1 board, 1 failed
" env QNX_TARGET=qt MKIFS_PATH='${QNX_TARGET}/${PROCESSOR}/bin:sysroot/lib' "$bin" check clean -I recipes

# ---- -MD names the host files found --------------------------------------------
"$bin" render clean -I recipes --sysroot sysroot -o out -MD 2>/dev/null
deps=$(sed -n 's/^  \(sysroot\/[^ ]*\).*/\1/p' out/clean.build.d | tr '\n' ' ')
if [ "$deps" = "sysroot/boot/sys/startup-x86 sysroot/boot/sys/procnto-smp-instr sysroot/bin/hello sysroot/lib/libfoo.so " ]; then
  pass=$((pass + 1))
else
  fail=$((fail + 1))
  echo "FAIL depfile: the host files are not listed:"
  cat out/clean.build.d
fi

# ---- the README example ------------------------------------------------------
# Every host file of the shipped x86_64 board and its guests, as the lookup
# asks for them (stand-ins), then io-pkt-v6-hc as an ELF program that needs
# libsocket.so.3, which the board does not list.
mkdir -p readme/sysroot/bin && cd readme || exit 1
"$bin" check x86_64 --sysroot sysroot 2>&1 |
  sed -n "s/.*host file '\([^']*\)' of .* is in no folder of mkifs' search path.*/\1/p" | sort -u |
  while read -r f; do
    case $f in */*) mkdir -p "$(dirname "$f")"; echo stand-in >"$f" ;; *) echo stand-in >"sysroot/bin/$f" ;; esac
  done
gcc -shared -fPIC -nostdlib -Wl,-soname,libsocket.so.3 -o ../src/libsocket.so.3 ../src/foo.c &&
  gcc -nostdlib -o sysroot/bin/io-pkt-v6-hc ../src/hello.c ../src/libsocket.so.3 ||
  { echo "sysroot_test: gcc could not build the README stand-in"; exit 1; }
# The core starts io-pkt-v6-hc for the Linux guest's NIC: its 'to' put it
# in the image.
at=$(awk '/to = "host"/ { print NR ":" index($0, "to = \"host\""); exit }' "$root/recipes/guests/linux-x86_64.lua")
expect readme 1 "recipes/guests/linux-x86_64.lua:$at: error: '/proc/boot/io-pkt-v6-hc' (host file sysroot/bin/io-pkt-v6-hc) needs the shared library libsocket.so.3, which is not in the image of board 'x86_64'
1 error, 0 warnings
checked 1 board, 1 failed
" "$bin" check x86_64 --sysroot sysroot
# README.md shows that very message
if grep -qxF "$(head -n 1 err.txt)" "$root/README.md"; then
  pass=$((pass + 1))
else
  fail=$((fail + 1))
  echo "FAIL readme: README.md does not show the message: $(head -n 1 err.txt)"
fi
cd .. || exit 1

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
