#!/bin/bash
# SPDX-License-Identifier: MIT
# completion_test.sh BINARY ROOT: the bash completion, as plain bash runs it
# (no bash-completion package, extglob off): commands, each command's
# options, option values after '=', folders, existing files, recipe names
# (from `mkbuildfile list`, -I folders included).
#
# The line is split into COMP_WORDS as readline splits it: at blanks, and at
# each run of the characters of COMP_WORDBREAKS (default " \t\n\"'><=;|&(:"),
# which become words of their own: "--diagnostics=js" is three words. The
# options the script gives compopt are recorded in COMPOPT.
set -u
bin=$1
root=$2
PATH=$(dirname "$bin"):$PATH
shopt -u extglob
source "$root/completion/mkbuildfile.bash"
compopt() { COMPOPT+=("$*"); }
pass=0
fail=0
split() {  # the words of line $1, into COMP_WORDS
  local line=$1 w= c i breaks="\"'><=;|&(:"
  COMP_WORDS=()
  for ((i = 0; i < ${#line}; i++)); do
    c=${line:i:1}
    if [ "$c" = " " ]; then
      [ -n "$w" ] && COMP_WORDS+=("$w")
      w=
    elif [[ $breaks == *"$c"* ]]; then
      if [ -n "$w" ] && [[ $breaks != *"${w: -1}"* ]]; then COMP_WORDS+=("$w"); w=; fi
      w+=$c
    else
      if [ -n "$w" ] && [[ $breaks == *"${w: -1}"* ]]; then COMP_WORDS+=("$w"); w=; fi
      w+=$c
    fi
  done
  COMP_WORDS+=("$w")
}
expect() {
  # expect "WANT" "LINE" [COMPOPT]: complete at the end of LINE
  local want=$1 line=$2 opts=${3-}
  split "$line"
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMPREPLY=()
  COMPOPT=()
  _mkbuildfile
  # readline shows the candidates sorted
  local got gotopts="${COMPOPT[*]}"
  got=$(printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort | paste -sd ' ')
  if [ "$got" = "$want" ] && [ "$gotopts" = "$opts" ]; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL: '$line' gave '$got' (compopt '$gotopts'), want '$want' (compopt '$opts')"
  fi
}
cd "$root" || exit 1
expect "render" "mkbuildfile ren"
expect "check" "mkbuildfile ch"
expect "--Werror" "mkbuildfile check --We"
expect "--all" "mkbuildfile check --al"
expect "" "mkbuildfile check --nin"
expect "--ninja" "mkbuildfile render --nin"
expect "--diagnostics=" "mkbuildfile check --diag" "-o nospace"
expect "rcar_h3 rcar_h3-safety" "mkbuildfile render rcar"
expect "acme-r1-1g acme-r1-2g acme-r1-safety-1g acme-r1-safety-2g" \
  "mkbuildfile render -I $root/examples/family acme-r1-"
expect "imx8qm" "mkbuildfile check imx"
expect "json sarif text" "mkbuildfile check --diagnostics="
expect "json" "mkbuildfile check --diagnostics=js"
expect "always" "mkbuildfile check --color=al"
expect "--man" "mkbuildfile help --m"
expect "check" "mkbuildfile help ch"
expect "--sysroot" "mkbuildfile check --sys"
expect "imx8qm" "mkbuildfile check --sysroot /tmp imx"
expect "examples" "mkbuildfile render -I exam" "-o filenames"
expect "examples" "mkbuildfile render --all --ninja exam" "-o filenames"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/sub"
touch "$tmp/a.build" "$tmp/b.txt" "$tmp/c.qvmconf" "$tmp/d.partial"
expect "$tmp/a.build $tmp/c.qvmconf $tmp/d.partial $tmp/sub" "mkbuildfile lint $tmp/" "-o filenames"
touch "$tmp/e.m4"
expect "$tmp/a.build $tmp/c.qvmconf $tmp/d.partial $tmp/e.m4 $tmp/sub" "mkbuildfile import $tmp/" "-o filenames"
expect "--boards" "mkbuildfile import --bo"
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
