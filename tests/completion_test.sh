#!/bin/bash
# SPDX-License-Identifier: MIT
# completion_test.sh BINARY ROOT: the bash completion completes commands,
# options and recipe names (from `mkbuildfile list`, -I folders included).
set -u
bin=$1
root=$2
PATH=$(dirname "$bin"):$PATH
source "$root/completion/mkbuildfile.bash"
pass=0
fail=0
expect() {
  # expect "WANT" WORD...: complete the last word of the line
  local want=$1
  shift
  COMP_WORDS=("$@")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMPREPLY=()
  _mkbuildfile
  local got="${COMPREPLY[*]}"
  if [ "$got" = "$want" ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: '$*' gave '$got', want '$want'"; fi
}
expect "render" mkbuildfile ren
expect "check" mkbuildfile ch
expect "--Werror" mkbuildfile check --We
expect "rcar_h3-safety rcar_h3" mkbuildfile render rcar
expect "acme-r1-1g acme-r1-2g acme-r1-safety-1g acme-r1-safety-2g" mkbuildfile render -I "$root/examples/family" acme-r1-
expect "imx8qm" mkbuildfile check imx
expect "json" mkbuildfile check --diagnostics=js
expect "--man" mkbuildfile help --m
expect "--sysroot" mkbuildfile check --sys
expect "imx8qm" mkbuildfile check --sysroot /tmp imx
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
