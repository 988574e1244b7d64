#!/bin/sh
# SPDX-License-Identifier: MIT
# json_valid.sh BINARY ROOT: the JSON the tool prints parses as JSON, with a
# strict UTF-8 reader (python3's json over a file), also when recipe values
# and paths hold bytes that are not UTF-8 (the golden case
# bad_json_diagnostics_invalid_utf8 holds the byte 0xFF; its exact text is
# that case's expected.stderr). Checks --diagnostics=json (one object per
# line) and --diagnostics=sarif (one document). Ends with "N passed, M failed".
set -u
bin=$1
root=$2
case=$root/tests/cases/bad_json_diagnostics_invalid_utf8
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
check() {  # NAME FORMAT (json|sarif): run the case with that format, parse
  (cd "$case" && "$bin" check b -I . --diagnostics="$2" 2>"$tmp/$1" >/dev/null)
  if python3 - "$tmp/$1" "$2" <<'PY'
import json, sys
path, form = sys.argv[1], sys.argv[2]
with open(path, encoding="utf-8") as f:   # strict: invalid UTF-8 raises
    text = f.read()
docs = [json.loads(l) for l in text.splitlines()] if form == "json" else [json.loads(text)]
assert docs, "no output"
PY
  then pass=$((pass + 1)); else echo "FAIL $1: not valid JSON"; fail=$((fail + 1)); fi
}
check diagnostics.json json
check diagnostics.sarif sarif
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
