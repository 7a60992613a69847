#!/bin/bash
# sxs align on two small fixture locales: pairs by NUMBER where the pages
# share a source version, else by identical SOURCE; identical units merged;
# source drift reported; the TMX is valid against the TMX 1.4 DTD.
set -u
: "${SXS:?}" "${SXS_SOURCE_DIR:?}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$SXS_SOURCE_DIR/tests/fixtures/align" || exit 2
fail=0
check() {
  local what=$1; shift
  if ! "$@"; then echo "FAIL: $what"; fail=1; fi
}
"$SXS" align -o "$work/out.tmx" es-ES it-IT 2>"$work/err.txt"
rc=$?
check "exit 1 for source drift (got $rc)" [ "$rc" -eq 1 ]
check "summary" grep -q '3 articles; 3 pairs aligned by id, 2 by identical source, 3 without a partner; 1 source drift; 8 units (4 with every locale)' "$work/err.txt"
check "drift names both pages" grep -q '^es-ES/guide/start.md:11:1: warning: pair aaaa1-106: SOURCE differs from it-IT (it-IT/guide/start.md:11:1) although both pages come from source version 5555555555555555555555555555555555555555 \[source-drift\]' "$work/err.txt"
dtd="${SXS_SHARED:-}/schemas/tmx/tmx14.dtd"
if [ -f "$dtd" ]; then
  check "TMX valid against tmx14.dtd" xmllint --noout --dtdvalid "$dtd" "$work/out.tmx"
else
  echo "note: $dtd missing, DTD validation not run"
fi
check "8 tu" [ "$(grep -c '<tu>' "$work/out.tmx")" -eq 8 ]
"$SXS" align -q -f jsonl es-ES it-IT >"$work/out.jsonl" 2>/dev/null
check "jsonl: identical units merged with their occurrences" grep -qF '{"source":"Add a card.","targets":{"es-ES":"Agregue una tarjeta.","it-IT":"Aggiungere una scheda."},"occurrences":["guide/cards.md#103","guide/start.md#105"]}' "$work/out.jsonl"
check "jsonl: by source across versions" grep -qF '{"source":"Cards have a title.","targets":{"es-ES":"Las tarjetas tienen un título.","it-IT":"Le schede hanno un titolo."}' "$work/out.jsonl"
check "jsonl: drifted pairs kept apart" grep -qF '{"source":"See the guide.","targets":{"it-IT":"Vedere la guida."}' "$work/out.jsonl"
check "jsonl: 8 units" [ "$(wc -l <"$work/out.jsonl")" -eq 8 ]
"$SXS" align -q es-ES es-ES >/dev/null 2>&1
rc=$?
check "the same locale twice is refused (got $rc)" [ "$rc" -eq 2 ]
exit $fail
