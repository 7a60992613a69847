#!/usr/bin/env bash
# Invalid UTF-8 at every byte position of a pair: a lone 0xFF, a cut
# two-byte sequence, an encoded surrogate (ED A0 80). Each page reports the
# bad byte at its line and column and keeps the good pairs around it; one
# sxs run over the whole directory, and extract, rebuild and repair all end
# with exit 0, 1 or 2 and no sanitizer report.
set -uo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
fail() { echo "FAIL: $*" >&2; exit 1; }

pair() {
  printf '<span data-ttu-id="%s">%s</span><span class="sxs-lookup"><span data-stu-id="%s">%s</span></span>' "$1" "$2" "$1" "$3"
}
good1=$(pair 5d3c1-103 'Antes.' 'Before.')
mid=$(pair 5d3c1-104 'En medio.' 'Middle.')
good2=$(pair 5d3c1-105 'Después.' 'After.')
mkdir pages
n=${#mid}
count=0
for bad in '\377' '\303' '\355\240\200'; do
  for ((i = 0; i <= n; i++)); do
    count=$((count + 1))
    f=$(printf 'pages/p%04d.md' $count)
    printf '%s\n\n%s' "$good1" "${mid:0:i}" >"$f"
    printf "$bad" >>"$f"
    printf '%s\n\n%s\n' "${mid:i}" "$good2" >>"$f"
    echo "$f $((i + 1))" >>expected.txt
  done
done

"$SXS" extract -f tsv pages >pairs.tsv 2>diag.txt
rc=$?
[ $rc = 1 ] || fail "extract exit $rc, expected 1"
if grep -qE 'Sanitizer|runtime error' diag.txt; then head -20 diag.txt >&2; fail "sanitizer report"; fi
# Every page: the bad byte reported where it is; pairs 103 and 105 kept.
while read -r f col; do
  grep -q "^$f:3:$col: error: .*\[invalid-utf8\]" diag.txt || fail "$f: no invalid-utf8 at 3:$col"
done <expected.txt
kept=$(awk -F'\t' '$2 == "5d3c1-103" || $2 == "5d3c1-105"' pairs.tsv | wc -l)
[ "$kept" = $((2 * count)) ] || fail "good pairs lost: $kept of $((2 * count)) kept"

for cmd in "rebuild" "repair" "rebuild --side source"; do
  # shellcheck disable=SC2086
  "$SXS" $cmd pages >/dev/null 2>diag.txt
  rc=$?
  [[ $rc =~ ^[012]$ ]] || fail "$cmd: exit $rc"
  if grep -qE 'Sanitizer|runtime error' diag.txt; then head -20 diag.txt >&2; fail "$cmd: sanitizer report"; fi
done
echo "invalid UTF-8 at $count positions: ok"
