#!/bin/sh
# SPDX-License-Identifier: MIT
# color_test.sh BINARY ROOT: the colour of text diagnostics on a terminal
# (script(1), Debian bsdutils, gives the run one): auto colours unless
# NO_COLOR is set to a non-empty value (no-color.org: an empty NO_COLOR is no
# request); --color=always and --color=never override NO_COLOR and the
# terminal. Ends with "N passed, M failed".
set -u
bin=$1
root=$2
case=$root/tests/cases/diagnostics_color_always
pass=0
fail=0
esc=$(printf '\033')
# on_tty ENV... -- ARGS: the run's output on a terminal
on_tty() {
  cmd="cd '$case' && env"
  while [ "$1" != -- ]; do cmd="$cmd '$1'"; shift; done
  shift
  cmd="$cmd '$bin' check b -I . $*"
  script -qec "$cmd" /dev/null 2>&1
}
expect() {  # DESCRIPTION yes|no OUTPUT
  case $3 in *"$esc["*) got=yes ;; *) got=no ;; esac
  if [ "$got" = "$2" ]; then pass=$((pass + 1)); else echo "FAIL $1: colour $got, want $2"; fail=$((fail + 1)); fi
}
expect "a terminal, NO_COLOR unset" yes "$(on_tty -u NO_COLOR --)"
expect "a terminal, NO_COLOR empty" yes "$(on_tty NO_COLOR= --)"
expect "a terminal, NO_COLOR=1" no "$(on_tty NO_COLOR=1 --)"
expect "NO_COLOR=1, --color=always" yes "$(on_tty NO_COLOR=1 -- --color=always)"
expect "a terminal, --color=never" no "$(on_tty -u NO_COLOR -- --color=never)"
expect "not a terminal" no "$(cd "$case" && NO_COLOR= "$bin" check b -I . 2>&1)"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
