#!/usr/bin/env bash
# Damage as FORMAT.md section 5 describes it, made on the real corpus: in
# each SxS page, from the middle line to the end, the quotes of every pair
# tag are entity-escaped (in every third page the escaped closing quote of
# each data-ttu-id is pushed past the '>', the "leaked" form). sxs repair
# must give back every page byte for byte, and undamaged pages untouched.
set -uo pipefail
corpus="${SXS_SHARED:-}/corpus/partner-center"
if [ ! -d "$corpus" ]; then
  echo "corpus not found at $corpus: skipped"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

mkdir -p "$tmp/damaged"
pages=0 damaged=0
for locale in es-ES it-IT; do
  while IFS= read -r f; do
    pages=$((pages + 1))
    name="$locale-$(echo "${f#"$corpus/$locale/sxs/"}" | tr / _)"
    out="$tmp/damaged/$name"
    lines=$(wc -l <"$f")
    from=$((lines / 2 + 1))
    if [ $((pages % 3)) = 0 ]; then
      ttu='s/<span data-ttu-id="\([0-9a-z]*-[0-9]*\)">/<span data-ttu-id=\&quot;\1>\&quot;/g'
    else
      ttu='s/<span data-ttu-id="\([0-9a-z]*-[0-9]*\)">/<span data-ttu-id=\&quot;\1\&quot;>/g'
    fi
    sed -e "$from,\$ {
      $ttu
      s/<span data-stu-id=\"\([0-9a-z]*-[0-9]*\)\">/<span data-stu-id=\&quot;\1\&quot;>/g
      s/<span class=\"sxs-lookup\">/<span class=\&quot;sxs-lookup\&quot;>/g
    }" "$f" >"$out"
    cmp -s "$f" "$out" || damaged=$((damaged + 1))
    printf '%s\t%s\n' "$name" "$f" >>"$tmp/names"
  done < <(find "$corpus/$locale/sxs" -name '*.md' -type f | sort)
done
[ $damaged -gt 100 ] || fail "only $damaged pages damaged"

# The damage is seen: pairs are missing and reported.
"$SXS" extract -f tsv "$tmp/damaged" >"$tmp/damaged.tsv" 2>"$tmp/damaged.err"
[ $? = 1 ] || fail "damaged pages not reported"
grep -q 'escaped-markup' "$tmp/damaged.err" || fail "no escaped-markup diagnostic"

"$SXS" repair -q --in-place "$tmp/damaged" 2>"$tmp/repair.err"
rc=$?
[ $rc = 0 ] || { head "$tmp/repair.err" >&2; fail "repair exit $rc"; }
bad=0
while IFS=$'\t' read -r name orig; do
  cmp -s "$tmp/damaged/$name" "$orig" || { bad=$((bad + 1)); echo "not restored: $orig" >&2; }
done <"$tmp/names"
[ $bad = 0 ] || fail "$bad of $pages pages not restored byte for byte"
"$SXS" extract -f tsv "$tmp/damaged" >"$tmp/repaired.tsv" 2>"$tmp/repaired.err" || fail "repaired pages have errors"
echo "repair of damaged corpus: $damaged of $pages pages damaged, all restored byte for byte ($(wc -l <"$tmp/repaired.tsv") pairs)"
