#!/bin/bash
# The identity round trip on every corpus page: extract (xliff, po, tmx,
# and xliff and tmx with inline codes), merge with nothing edited, and every
# page comes back byte for byte.
set -u
: "${SXS:?}"
. "$(dirname "$0")/common.bash"
need_corpus
make_work_dir
cd "$work" || exit 2
fail=0
for locale in es-ES it-IT; do
  [ -d "$corpus/$locale/sxs" ] || continue
  tree="$corpus/$locale/sxs" # read only: merge -o writes elsewhere
  pages=$(find "$tree" -name '*.md' | wc -l)
  pairs=$("$SXS" extract -q -f jsonl "$tree" | wc -l)
  for format in xliff po tmx xliff-codes tmx-codes; do
    rm -rf out
    args=(-f "${format%-codes}")
    [ "$format" = "${format%-codes}" ] || args+=(--inline-codes)
    "$SXS" extract -q "${args[@]}" -o "t.$format" "$tree" 2>/dev/null ||
      { echo "$locale $format: extract failed"; fail=1; continue; }
    "$SXS" merge -q -t "t.$format" -o out "$tree" 2>err.txt
    rc=$?
    written=$(find out -name '*.md' | wc -l)
    differing=$(diff -rq "$tree" out | wc -l)
    same=$((written - differing))
    echo "$locale $format: $same of $pages pages identical; $(tail -1 err.txt)"
    [ "$rc" -eq 0 ] || { echo "  merge exit $rc"; grep -v '^sxs merge:' err.txt | head; fail=1; }
    [ "$same" -eq "$pages" ] || fail=1
    grep -q " 0 updated, $pairs unchanged, 0 not found, 0 refused" err.txt ||
      { echo "  expected $pairs unchanged"; fail=1; }
  done
done
exit $fail
