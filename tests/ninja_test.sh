#!/bin/sh
# SPDX-License-Identifier: MIT
# ninja_test.sh BINARY ROOT: the build-system integration, end to end.
#
# Depfiles: each tests/cases/depfile_*/expected.d is the exact depfile of
# that case's cmd rendered with -o out -MD, with the project root written
# @ROOT@ (the core files are named by absolute path, which differs between
# machines; run_cases.sh checks the rest of those cases).
#
# Ninja: build.ninja for a copy of examples/family, built with
# tests/fake-mkifs standing in for mkifs: every image is made, guest images
# before the host image that maps them; a second run does nothing; a touched
# recipe re-renders without rebuilding unchanged images; a new file that
# shadows a recipe (in the -I folder or a subfolder of it) re-renders, and so
# does removing it again. Needs ninja (apt-get install ninja-build).
set -u
bin=$1
root=$2
here=$(cd "$(dirname "$0")" && pwd)
unset MKBUILDFILE_PATH QNX_TARGET MKIFS_PATH
pass=0
fail=0

ok() {
  pass=$((pass + 1))
  echo "ok - $1"
}

bad() {
  fail=$((fail + 1))
  echo "FAIL - $1"
}

check() {  # check DESCRIPTION COMMAND...
  _what=$1
  shift
  if "$@"; then ok "$_what"; else bad "$_what"; fi
}

if ! command -v ninja >/dev/null 2>&1; then
  echo "ninja_test: ninja not found on PATH: install it (apt-get install ninja-build)" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# A private copy of the binary: build.ninja lists the binary as an input, and
# a rebuild of the tree's binary while this runs must not look like a change.
mkdir "$tmp/mkb"
cp "$bin" "$tmp/mkb/mkbuildfile"
printf '%s\n' "$root" >"$tmp/mkb/mkbuildfile.root"
bin=$tmp/mkb/mkbuildfile

# ---- depfiles --------------------------------------------------------------

# The root as a depfile spells it (space and # escaped, $ doubled).
eroot=$(printf '%s' "$root" | sed 's/[ #]/\\&/g; s/\$/$$$$/g')
unroot() {
  R=$eroot awk '{
    r = ENVIRON["R"]
    out = ""
    while ((i = index($0, r)) > 0) { out = out substr($0, 1, i - 1) "@ROOT@"; $0 = substr($0, i + length(r)) }
    print out $0
  }' "$1"
}

for want in "$here"/cases/depfile_*/expected.d; do
  [ -f "$want" ] || continue
  case_dir=$(dirname "$want")
  name=$(basename "$case_dir")
  rm -rf "$tmp/case"
  cp -R "$case_dir" "$tmp/case"
  rm -rf "$tmp/case/out"
  if (cd "$tmp/case" && eval "set -- $(cat cmd)" && "$bin" "$@" -o out -MD) 2>"$tmp/err"; then
    got=$(find "$tmp/case/out" -name '*.d' | head -1)
    if [ -n "$got" ] && unroot "$got" | cmp -s - "$want"; then
      ok "$name: depfile"
    else
      bad "$name: depfile differs:"
      [ -n "$got" ] && unroot "$got" | diff -u "$want" - | head -40
    fi
  else
    bad "$name: render -MD failed:"
    head -20 "$tmp/err"
  fi
done

# Rendered into a folder inside a search directory, the output folders are
# left out of the depfile: their mtimes change whenever a render writes, and
# they would make every build dirty.
rm -rf "$tmp/case"
cp -R "$here/cases/depfile_include" "$tmp/case"
mkdir "$tmp/case/sub"
cp "$tmp/case/a/myboard.lua" "$tmp/case/sub/"
if (cd "$tmp/case/sub" && "$bin" render myboard -I . -I ../a -I '../lib #1 $x' -o out -MD) \
     2>"$tmp/err"; then
  d=$tmp/case/sub/out/myboard.build.d
  check "output folders inside a search folder are not dependencies" \
    [ "$(grep -E '^  (\./)?out' "$d" | grep -vcE ':( \\)?$')" -eq 0 ]
  check "the search folder itself is a dependency" grep -Eq '^  \.( \\)?$' "$d"
else
  bad "render -I . -o out -MD failed:"
  head -20 "$tmp/err"
fi

# A search folder that does not exist is stood for by its nearest existing
# parent (creating it changes that folder), and only by that folder: never
# by the parent's whole tree.
rm -rf "$tmp/case"
cp -R "$here/cases/depfile_include" "$tmp/case"
mkdir "$tmp/case/unrelated"
if (cd "$tmp/case" && MKBUILDFILE_PATH="$tmp/case/nowhere/deeper" \
      "$bin" render myboard -I a -I 'lib #1 $x' -o out -MD) 2>"$tmp/err"; then
  d=$tmp/case/out/myboard.build.d
  check "a missing search folder is stood for by its parent" grep -Eq "^  $tmp/case( \\\\)?\$" "$d"
  check "and not by the parent's subfolders" [ "$(grep -c "^  $tmp/case/unrelated" "$d")" -eq 0 ]
else
  bad "render with a missing MKBUILDFILE_PATH folder failed:"
  head -20 "$tmp/err"
fi

# The same depfile drives make: a file that would shadow a recipe makes the
# target out of date (make -q: 1), and so does removing it again, without
# make stopping for want of a rule (2).
if command -v make >/dev/null 2>&1; then
  rm -rf "$tmp/mk"
  cp -R "$here/cases/depfile_include" "$tmp/mk"
  printf '%s\n' 'out/myboard.build: ; "$(MKB)" render myboard -I a -I '\''lib #1 $$x'\'' -o out -MD' \
    '-include out/myboard.build.d' >"$tmp/mk/Makefile"
  mk() { make -s -C "$tmp/mk" MKB="$bin" "$@" >/dev/null 2>&1; }
  mk
  check "make renders through the depfile" [ -f "$tmp/mk/out/myboard.build.d" ]
  mk -q
  check "make: up to date after the render" [ $? -eq 0 ]
  sleep 1
  sed 's/0x40100000/0x48000000/' "$tmp/mk/lib #1 \$x/common.lua" >"$tmp/mk/a/common.lua"
  mk -q
  check "make: a new file shadowing a recipe makes the target out of date" [ $? -eq 1 ]
  mk
  check "make: the render uses it" grep -q 'image=0x48000000' "$tmp/mk/out/myboard.build"
  mk -q
  check "make: up to date again" [ $? -eq 0 ]
  sleep 1
  rm "$tmp/mk/a/common.lua"
  mk -q
  check "make: a removed recipe file makes the target out of date, not an error" [ $? -eq 1 ]
else
  bad "make not found on PATH: install it (apt-get install make)"
fi

# ---- build.ninja -----------------------------------------------------------

cp -R "$root/examples/family" "$tmp/family"
mkdir "$tmp/path"
cp "$here/fake-mkifs" "$tmp/path/mkifs"
chmod +x "$tmp/path/mkifs"
log=$tmp/mkifs.log
: >"$log"
b=$tmp/build

if "$bin" render --all -I "$tmp/family" --ninja "$b" 2>"$tmp/err"; then
  ok "render --all --ninja writes build.ninja"
else
  bad "render --all --ninja failed:"
  cat "$tmp/err"
  echo "$pass passed, $((fail + 1)) failed"
  exit 1
fi
"$bin" render --all -I "$tmp/family" --ninja "$tmp/build2" 2>/dev/null
# MKBUILDFILE_PATH and --Werror reach the renders through the build file:
# ninja's own environment must not change what is rendered.
MKBUILDFILE_PATH="$tmp/family" "$bin" render --all --Werror --ninja "$tmp/build3" 2>/dev/null
check "MKBUILDFILE_PATH becomes an -I folder and --Werror is passed on" \
  grep -qx "flags = -I $tmp/family --Werror" "$tmp/build3/build.ninja"
# --sysroot reaches them too, absolute: on a sysroot of empty stand-ins for
# every host file the family names (and those relative to where mkifs runs).
mkdir -p "$tmp/sr/bin" "$tmp/srwd"
(
  cd "$tmp/srwd" || exit 1
  "$bin" check --all -I "$tmp/family" --sysroot "$tmp/sr" 2>&1 |
    sed -n "s/.*host file '\([^']*\)' of .* is in no folder.*/\1/p" | sort -u |
    while read -r f; do
      case $f in */*) mkdir -p "$(dirname "$f")" && : >"$f" ;; *) : >"$tmp/sr/bin/$f" ;; esac
    done
  "$bin" render --all -I "$tmp/family" --sysroot "$tmp/sr" --ninja "$tmp/build4" 2>/dev/null
)
check "--sysroot is passed on, absolute" \
  grep -qx "flags = -I $tmp/family --sysroot $tmp/sr" "$tmp/build4/build.ninja"
check "build.ninja is the same twice" cmp -s "$b/build.ninja" "$tmp/build2/build.ninja"
check "build.ninja names the binary by absolute path" grep -qx "mkbuildfile = $bin" "$b/build.ninja"
check "build.ninja passes the -I folder, absolute" grep -qx "flags = -I $tmp/family" "$b/build.ninja"
check "the render rule reads depfiles into the deps log" grep -qx '  deps = gcc' "$b/build.ninja"
check "build.ninja has a default" grep -qx 'default all' "$b/build.ninja"
check "build.ninja runs mkifs from PATH by default" grep -qx 'mkifs = mkifs' "$b/build.ninja"
"$bin" render --all -I "$tmp/family" --ninja "$tmp/build4" --mkifs '/opt/qnx 8/mkifs' 2>/dev/null
check "--mkifs PATH sets the mkifs of build.ninja" \
  grep -qx "mkifs = '/opt/qnx 8/mkifs'" "$tmp/build4/build.ninja"
MKIFS=/opt/qnx/mkifs "$bin" render --all -I "$tmp/family" --ninja "$tmp/build5" 2>/dev/null
check "so does MKIFS" grep -qx "mkifs = /opt/qnx/mkifs" "$tmp/build5/build.ninja"
check "build.ninja writes itself again through its depfile" \
  grep -qx 'build build.ninja: regenerate | $mkbuildfile' "$b/build.ninja"
check "its depfile names the family's folder" grep -q "^  $tmp/family \\\\$" "$b/build.ninja.d"
check "and not the build's own folders" [ "$(grep -c "^  $b" "$b/build.ninja.d")" -eq 0 ]

boards=$(grep -c '^  board = ' "$b/build.ninja")
images=$(grep -c ': mkifs ' "$b/build.ninja")
check "14 boards on the family's search path" [ "$boards" -eq 14 ]
ninja -C "$b" -n >"$tmp/out" 2>&1
check "ninja -n succeeds" [ $? -eq 0 ]
check "ninja -n lists a render per board" [ "$(grep -c '\] render ' "$tmp/out")" -eq "$boards" ]
check "ninja -n lists an mkifs per buildfile" [ "$(grep -c '\] mkifs ' "$tmp/out")" -eq "$images" ]
check "ninja -n writes nothing" [ -z "$(find "$b" -name '*.build' | head -1)" ]

# runs ninja with the fake mkifs; the output is in $tmp/out
run() {
  PATH="$tmp/path:$PATH" MKIFS_LOG=$log ninja -C "$b" >"$tmp/out" 2>&1
}
# what the last run did
renders() { grep -c '\] render ' "$tmp/out"; }
mkifses() { grep -c '\] mkifs ' "$tmp/out"; }
idle() { grep -q '^ninja: no work to do\.$' "$tmp/out"; }

run
rc=$?
check "ninja builds everything" [ $rc -eq 0 ]
[ $rc -eq 0 ] || head -30 "$tmp/out"
missing=
for f in $(find "$b" -name '*.build'); do
  [ -f "${f%.build}.ifs" ] || missing="$missing ${f#"$b"/}"
done
check "every rendered buildfile has its image${missing:+ (missing:$missing)}" [ -z "$missing" ]
check "mkifs ran once per buildfile" [ "$(wc -l <"$log")" -eq "$images" ]
# fake-mkifs logs "BOARD OUT"; a guest image logged after its board's host
# image was built too late.
late=$(awk '$2 !~ /^guests\// { host[$1] = 1 } $2 ~ /^guests\// && host[$1] { print $1 "/" $2 }' "$log")
check "guest images are built before their host image${late:+ (late: $late)}" [ -z "$late" ]

run
check "a second ninja has no work to do" idle

# After a change, ninja re-renders; ninja 1.11 may then render once more
# (restat records the newest mtime among the inputs it knew before the run,
# and a new dependency can be newer), but no image may be rebuilt by that
# and the third run must be idle.
settle() {
  run
  if idle; then return 0; fi
  [ "$(mkifses)" -eq 0 ] || { echo "  (a repeated run rebuilt images)"; return 1; }
  run
  idle
}

sleep 1
: >"$log"
touch "$tmp/family/recipes/acme-guests.lua"
run
check "a touched recipe re-renders the boards that read it" [ "$(renders)" -ge 9 ]
check "an unchanged render rebuilds no image" [ ! -s "$log" ]
run
check "after the touch, the next ninja has no work to do" idle

sleep 1
: >"$log"
cp "$root/boards/rcar_h3.lua" "$tmp/family/rcar_h3.lua"
run
check "a new file shadowing a recipe in the -I folder re-renders" [ "$(renders)" -ge 1 ]
check "the render uses the shadowing file" \
  grep -q "Recipes: .*$tmp/family/rcar_h3.lua" "$b/acme-r1-1g/acme-r1-1g.build"
check "the changed host images are rebuilt" grep -qx 'acme-r1-1g acme-r1-1g.ifs' "$log"
check "the build settles after the new file" settle

sleep 1
cp "$root/recipes/hypervisor-host.lua" "$tmp/family/recipes/hypervisor-host.lua"
run
check "a new file shadowing a recipe in a subfolder re-renders" [ "$(renders)" -ge 1 ]
check "the render uses the file in the subfolder" \
  grep -q "Recipes: .*$tmp/family/recipes/hypervisor-host.lua" "$b/rcar_h3/rcar_h3.build"
check "the build settles after the new file in the subfolder" settle

sleep 1
rm "$tmp/family/rcar_h3.lua" "$tmp/family/recipes/hypervisor-host.lua"
run
rc=$?
check "removing the shadowing files builds" [ $rc -eq 0 ]
check "removing the shadowing files re-renders" [ "$(renders)" -ge 1 ]
check "the render is back on the shipped recipe" \
  grep -q "Recipes: recipes/hypervisor-host.lua boards/rcar_h3.lua " \
  "$b/acme-r1-1g/acme-r1-1g.build"
check "the build settles after the removal" settle

sleep 1
printf 'board "broken" {\n' >"$tmp/family/broken.lua"
run
check "a recipe error fails the build" [ $? -ne 0 ]
check "the failure shows the recipe's diagnostic" grep -q 'broken.lua:' "$tmp/out"
rm "$tmp/family/broken.lua"
run
check "the build recovers once the error is gone" [ $? -eq 0 ]
check "and settles" settle

# A board added to a recipe folder: build.ninja writes itself again and the
# new board is built.
sleep 1
printf 'board "acme-new" { include = { "rcar_h3" } }\n' >"$tmp/family/acme-new.lua"
run
check "a new board file regenerates build.ninja" grep -qx '  board = acme-new' "$b/build.ninja"
check "and its image is built" [ -f "$b/acme-new/acme-new.ifs" ]
check "and the build settles" settle

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
