#!/bin/bash
# The block context libsxs gives every pair of the real corpus is the one
# cmark-gfm (CommonMark + GFM tables, DocFX alerts on top) gives it, and so
# is the line the pair starts on (cmark-gfm's source position of the HTML
# node, or of the "<span data-ttu-id=" inside an HTML block).
# Ours comes from the libsxs API (tests/tools/sxs_dump_pairs), the reference
# from tests/tools/sxs_cmark_context; pairs are matched by page and index.
set -u
. "$(dirname "$0")/common.bash"
need_corpus
need_tool dump_pairs sxs_dump_pairs
need_tool cmark_context sxs_cmark_context
make_work_dir

find "$corpus"/*/sxs -name '*.md' -type f | LC_ALL=C sort > "$work/pages"
if [ ! -s "$work/pages" ]; then
  echo "FAIL: no pages under $corpus/*/sxs"
  exit 1
fi
# Diagnostics are pairs_count.sh's business; here only the contexts count.
xargs -d '\n' "$dump_pairs" < "$work/pages" > "$work/ours" \
  2> "$work/ours.err"
rc=$?
if [ $rc -gt 1 ]; then
  echo "FAIL: sxs_dump_pairs exited with $rc"
  head -20 "$work/ours.err"
  exit 1
fi
if ! xargs -d '\n' "$cmark_context" --lines < "$work/pages" \
     > "$work/cmark"; then
  echo "FAIL: sxs_cmark_context failed"
  exit 1
fi

# Every pair of either side is looked up in the other; a pair only one side
# has is a disagreement too (context "-" on the side that lacks it).
LC_ALL=C awk -F'\t' -v pages="$(wc -l < "$work/pages")" '
  FNR == NR {
    ref[$1 "\t" $2] = $3 " line " $4
    ref_order[++nref] = $1 "\t" $2
    next
  }
  {
    key = $1 "\t" $2
    ours[key] = $3 " line " $4; nours++
    cmark = (key in ref) ? ref[key] : "-"
    if (ours[key] != cmark) report($1, $6 " (index " $2 ")", ours[key], cmark)
  }
  function report(file, pair, mine, theirs) {
    bad++
    if (bad <= 20)
      printf "%s: pair %s: ours %s, cmark-gfm %s\n", file, pair, mine, theirs
  }
  END {
    for (i = 1; i <= nref; i++) {
      key = ref_order[i]
      if (!(key in ours)) {
        split(key, part, "\t")
        report(part[1], "index " part[2], "-", ref[key])
      }
    }
    printf "%d pages, %d pairs (cmark-gfm: %d), %d disagreements\n",
           pages, nours, nref, bad
    exit bad ? 1 : 0
  }' "$work/cmark" "$work/ours"
status=$?
if [ $status -ne 0 ]; then
  echo "FAIL: contexts disagree with cmark-gfm"
  exit 1
fi
echo "PASS"
