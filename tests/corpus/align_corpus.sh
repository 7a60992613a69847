#!/bin/bash
# sxs align on the corpus, es-ES with it-IT: a DTD-valid TMX, most pairs
# aligned, source drift counted.
set -u
: "${SXS:?}"
. "$(dirname "$0")/common.bash"
need_corpus es-ES it-IT
make_work_dir
"$SXS" align -q -o "$work/corpus.tmx" "$corpus/es-ES/sxs" "$corpus/it-IT/sxs" 2>"$work/err.txt"
rc=$?
cat "$work/err.txt"
fail=0
[ "$rc" -le 1 ] || { echo "FAIL: exit $rc"; fail=1; }
xmllint --noout --dtdvalid "$SXS_SHARED/schemas/tmx/tmx14.dtd" "$work/corpus.tmx" ||
  { echo "FAIL: TMX not valid against tmx14.dtd"; fail=1; }
line=$(tail -1 "$work/err.txt")
by_id=$(sed -n 's/.*; \([0-9]*\) pairs aligned by id, \([0-9]*\) by identical source, \([0-9]*\) without.*/\1 \2 \3/p' <<<"$line")
read -r id source alone <<<"$by_id"
es=$("$SXS" extract -q -f jsonl "$corpus/es-ES/sxs" | wc -l)
echo "es-ES pairs: $es; aligned by id: ${id:-?}, by source: ${source:-?}, alone: ${alone:-?}"
# Every es-ES pair is aligned or alone; and nine in ten find their partner.
[ -n "${id:-}" ] && [ $((id + source)) -ge $((es * 9 / 10)) ] ||
  { echo "FAIL: fewer than 90% of the pairs aligned"; fail=1; }
exit $fail
