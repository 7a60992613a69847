#!/bin/bash
# Extract, then merge with nothing edited: every page comes back byte for
# byte, for XLIFF, PO and TMX, and every unit is found and unchanged.
set -u
: "${SXS:?}" "${SXS_SOURCE_DIR:?}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 2
cp -r "$SXS_SOURCE_DIR/tests/fixtures/merge/es-ES" es-ES
fail=0
pairs=$("$SXS" extract -q -f jsonl es-ES | wc -l)
[ "$pairs" -gt 0 ] || { echo "no pairs extracted"; exit 1; }
for format in xliff po tmx; do
  rm -rf out
  "$SXS" extract -q -f "$format" -o "t.$format" es-ES || { echo "$format: extract failed"; fail=1; continue; }
  "$SXS" merge -t "t.$format" -o out es-ES 2>err.txt
  rc=$?
  if [ "$rc" -ne 0 ]; then echo "$format: merge exit $rc"; cat err.txt; fail=1; fi
  if ! grep -q "0 updated, $pairs unchanged, 0 not found, 0 refused" err.txt; then
    echo "$format: unexpected summary:"; cat err.txt; fail=1
  fi
  if ! diff -r es-ES out >/dev/null; then
    echo "$format: pages differ after the round trip"; diff -r es-ES out | head -20; fail=1
  fi
  # --in-place with nothing edited rewrites nothing.
  before=$(stat -c %i:%Y es-ES/intro.md)
  "$SXS" merge -q -t "t.$format" --in-place es-ES 2>/dev/null
  [ "$(stat -c %i:%Y es-ES/intro.md)" = "$before" ] || { echo "$format: --in-place rewrote an unchanged page"; fail=1; }
done
exit $fail
