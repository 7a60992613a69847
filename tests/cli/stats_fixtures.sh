#!/bin/bash
# sxs stats against hand-counted fixtures in Japanese and Arabic (the counts
# are explained in tests/fixtures/stats/README).
set -u
: "${SXS:?}" "${SXS_SOURCE_DIR:?}"
cd "$SXS_SOURCE_DIR/tests/fixtures/stats" || exit 2
fail=0
expect() { # what, output, fragment
  if ! grep -qF -- "$3" <<<"$2"; then
    echo "FAIL: $1: '$3' not in:"; echo "$2"; fail=1
  fi
}
json=$("$SXS" stats -f json ja-JP.md ar-SA.md) || { echo "stats failed"; exit 1; }
expect "ja-JP page" "$json" '{"file": "ja-JP.md", "locale": "ja-JP", "translation_type": "HT", "pairs": 7, "source_words": 14, "target_words": 22, "source_chars": 60, "target_chars": 44, "untranslated": 1, "empty": 1, "repetitions": 1, "repeated_words": 1}'
expect "ar-SA page" "$json" '{"file": "ar-SA.md", "locale": "ar-SA", "translation_type": "MT", "pairs": 3, "source_words": 16, "target_words": 14, "source_chars": 68, "target_chars": 59, "untranslated": 0, "empty": 0, "repetitions": 0, "repeated_words": 0}'
expect "total" "$json" '"total": {"pages": 2, "mt_pages": 1, "ht_pages": 1, "pairs": 10, "source_words": 30, "target_words": 36, "source_chars": 128, "target_chars": 103, "untranslated": 1, "empty": 1, "repetitions": 1, "repeated_words": 1}}'
# Repetitions belong to the run: the Arabic page first changes nothing, the
# Japanese page twice makes all its 7 sources repetitions the second time.
json=$("$SXS" stats -f json -s ja-JP.md ja-JP.md)
expect "repetitions across pages" "$json" '"repetitions": 8, "repeated_words": 15}'
csv=$("$SXS" stats -f csv ar-SA.md)
expect "csv header" "$csv" 'kind,file,locale,translation_type,pairs,source_words,target_words'
expect "csv row" "$csv" 'file,ar-SA.md,ar-SA,MT,3,16,14,68,59,0,0,0,0'
text=$("$SXS" stats ja-JP.md)
expect "text total" "$text" '1 page (0 MT, 1 HT)'
"$SXS" stats -f yaml ja-JP.md 2>/dev/null; rc=$?
[ "$rc" -eq 2 ] || { echo "FAIL: unknown format exit $rc"; fail=1; }
exit $fail
