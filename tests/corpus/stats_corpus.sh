#!/bin/bash
# sxs stats on the corpus: totals agree with the number of pairs extract
# sees, the three formats agree, the counts are plausible, and the output
# does not depend on the number of threads.
set -u
: "${SXS:?}"
. "$(dirname "$0")/common.bash"
need_corpus
fail=0
for locale in es-ES it-IT; do
  tree="$corpus/$locale/sxs"
  [ -d "$tree" ] || continue
  json=$("$SXS" stats -f json -s "$tree") || { echo "FAIL: $locale stats exit $?"; fail=1; continue; }
  echo "$locale: $json"
  pairs=$("$SXS" extract -q -f jsonl "$tree" | wc -l)
  grep -q "\"pairs\": $pairs," <<<"$json" || { echo "FAIL: $locale pairs differ from extract ($pairs)"; fail=1; }
  pages=$(find "$tree" -name '*.md' | wc -l)
  grep -q "\"pages\": $pages," <<<"$json" || { echo "FAIL: $locale pages"; fail=1; }
  csv_total=$("$SXS" stats -f csv -s "$tree" | tail -1)
  text_total=$("$SXS" stats -s "$tree" | grep ' total$')
  src=$(sed -n 's/.*"source_words": \([0-9]*\).*/\1/p' <<<"$json")
  tgt=$(sed -n 's/.*"target_words": \([0-9]*\).*/\1/p' <<<"$json")
  grep -q ",$pairs,$src,$tgt," <<<"$csv_total" || { echo "FAIL: csv total differs"; fail=1; }
  grep -Eq "^ *$pairs +$src +$tgt " <<<"$text_total" || { echo "FAIL: text total differs"; fail=1; }
  # Sentences of 2 to 30 words on average.
  [ "$src" -gt $((pairs * 2)) ] && [ "$src" -lt $((pairs * 30)) ] || { echo "FAIL: implausible source words $src"; fail=1; }
done
# Words are counted in worker threads, repetitions and totals in page order:
# every format must be byte for byte the same with one thread as with
# several, over both trees in one run (sources repeat across them).
trees=()
for locale in es-ES it-IT; do
  [ -d "$corpus/$locale/sxs" ] && trees+=("$corpus/$locale/sxs")
done
for format in text json csv; do
  one=$("$SXS" stats -f "$format" -j 1 "${trees[@]}" | md5sum)
  for jobs in 2 3 0; do
    many=$("$SXS" stats -f "$format" -j "$jobs" "${trees[@]}" | md5sum)
    [ "$one" = "$many" ] || { echo "FAIL: stats -f $format -j $jobs differs from -j 1"; fail=1; }
  done
done
exit $fail
