#!/bin/bash
# Every es-ES and it-IT page of the corpus yields exactly as many pairs as it
# has data-ttu-id=" attributes (none is lost, none is invented), and the
# parser has nothing to say about any of them: these pages are undamaged, so
# any diagnostic is a false alarm.
set -u
. "$(dirname "$0")/common.bash"
need_corpus es-ES it-IT
need_tool dump sxs_dump_pairs
make_work_dir
find "$corpus/es-ES/sxs" "$corpus/it-IT/sxs" -name '*.md' -type f |
  LC_ALL=C sort > "$work/pages"
mapfile -t pages < "$work/pages"
if [ ${#pages[@]} -eq 0 ]; then
  echo "FAIL: no pages found"
  exit 1
fi

failed=0
"$dump" "${pages[@]}" > "$work/pairs" 2> "$work/diags"
rc=$?
if [ $rc -ne 0 ]; then
  echo "FAIL: sxs_dump_pairs exited with $rc"
  failed=1
fi
if [ -s "$work/diags" ]; then
  echo "FAIL: $(wc -l < "$work/diags") diagnostics on undamaged pages, first 20:"
  head -20 "$work/diags"
  failed=1
fi

# Expected count per page: occurrences of data-ttu-id=" in its bytes.
LC_ALL=C awk -v list="$work/pages" '
  BEGIN { while ((getline path < list) > 0) { expected[path] = 0; order[++n] = path } }
  { expected[FILENAME] += gsub(/data-ttu-id="/, "&") }
  END { for (i = 1; i <= n; i++) print order[i] "\t" expected[order[i]] }
' "${pages[@]}" > "$work/expected"
LC_ALL=C awk -F'\t' '
  FNR == NR { got[$1]++; next }
  {
    total += $2; found += got[$1]
    if (got[$1] + 0 != $2) {
      bad++
      if (bad <= 20) printf "%s: %d pairs, %d data-ttu-id attributes\n", $1, got[$1], $2
    }
  }
  END {
    printf "%d pages, %d pairs found, %d expected, %d pages miscounted\n", FNR, found, total, bad
    exit bad ? 1 : 0
  }' "$work/pairs" "$work/expected" || failed=1

if [ $failed -ne 0 ]; then
  echo "FAIL"
  exit 1
fi
echo "PASS"
