#!/usr/bin/env bash
# Inputs the fuzzer found (tests/fuzz/regressions): sxs repair, extract,
# rebuild and check end with exit 0, 1 or 2 and no sanitizer report; a
# repair that changes a page gives more pairs, never fewer, and no more
# errors.
set -uo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
count=0
for f in "$SXS_SOURCE_DIR"/tests/fuzz/regressions/*; do
  [ -f "$f" ] || continue
  count=$((count + 1))
  name=$(basename "$f")
  for cmd in "repair" "extract -f tsv" "rebuild" "check"; do
    # shellcheck disable=SC2086
    "$SXS" $cmd "$f" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    [[ $rc =~ ^[012]$ ]] || fail "$name: sxs $cmd exit $rc"
    if grep -qE 'Sanitizer|runtime error' "$tmp/err"; then head -20 "$tmp/err" >&2; fail "$name: sxs $cmd: sanitizer report"; fi
  done
  "$SXS" repair "$f" >"$tmp/repaired.md" 2>"$tmp/changes"
  if ! cmp -s "$tmp/repaired.md" "$f"; then
    before_pairs=$("$SXS" extract -f tsv "$f" 2>"$tmp/e1" | wc -l)
    after_pairs=$("$SXS" extract -f tsv "$tmp/repaired.md" 2>"$tmp/e2" | wc -l)
    before_errors=$(grep -c ': error: ' "$tmp/e1")
    after_errors=$(grep -c ': error: ' "$tmp/e2")
    [ "$after_pairs" -gt "$before_pairs" ] || fail "$name: repair went from $before_pairs to $after_pairs pairs"
    [ "$after_errors" -le "$before_errors" ] || fail "$name: repair went from $before_errors to $after_errors errors"
  fi
done
echo "fuzz regressions: $count inputs ok"
