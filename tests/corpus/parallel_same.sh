#!/usr/bin/env bash
# Output does not depend on the number of threads: extract (jsonl, xliff)
# and rebuild give the same bytes with -j 1 and -j 3 over the whole corpus.
set -euo pipefail
corpus=${SXS_SHARED:-}/corpus/partner-center
if [ ! -d "$corpus" ]; then
  echo "skipped: no corpus at $corpus (../shared is not beside this clone)"
  exit 77
fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
dirs=("$corpus/es-ES/sxs" "$corpus/it-IT/sxs")
for args in "extract -f jsonl" "extract -f xliff" "rebuild" "rebuild --side source"; do
  "$SXS" $args -j 1 "${dirs[@]}" > "$tmp/one"
  "$SXS" $args -j 3 "${dirs[@]}" > "$tmp/three"
  if ! cmp -s "$tmp/one" "$tmp/three"; then
    echo "FAIL: sxs $args differs between -j 1 and -j 3"; exit 1
  fi
  [ -s "$tmp/one" ] || { echo "FAIL: sxs $args wrote nothing"; exit 1; }
  echo "ok: sxs $args: $(wc -c < "$tmp/one") bytes, same with -j 1 and -j 3"
done
