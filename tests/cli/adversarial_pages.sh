#!/usr/bin/env bash
# Hostile pages (the hardening list): each one ends with exit 0, 1 or 2,
# never a crash or a sanitizer report, and with a diagnostic where one is
# due; the pairs around the damage are still extracted.
set -uo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

pair() { # ID TARGET SOURCE
  printf '<span data-ttu-id="%s">%s</span><span class="sxs-lookup"><span data-stu-id="%s">%s</span></span>' "$1" "$2" "$1" "$3"
}

# Runs sxs COMMAND... on a page; checks the exit status is 0, 1 or 2 and
# that the output and errors hold no sanitizer or crash report.
run() { # NAME EXPECTED_STATUS_REGEX sxs-arguments...
  local name=$1 want=$2
  shift 2
  "$SXS" "$@" >"$name.out" 2>"$name.err"
  local rc=$?
  if ! [[ $rc =~ ^($want)$ ]]; then
    fail "$name: sxs $1 exit $rc, expected $want"
    head -5 "$name.err" >&2
  fi
  if grep -qE 'Sanitizer|runtime error|Segmentation|Aborted' "$name.err"; then
    fail "$name: sanitizer or crash report"
    head -20 "$name.err" >&2
  fi
}

# 1. 100,000 nested spans inside a pair: the pair is found, balanced.
{
  printf '<span data-ttu-id="1a2b3-103">'
  awk 'BEGIN { for (i = 0; i < 100000; i++) printf "<span>"; printf "x";
               for (i = 0; i < 100000; i++) printf "</span>" }'
  printf '</span><span class="sxs-lookup"><span data-stu-id="1a2b3-103">y</span></span>\n'
} >nested.md
run nested 0 extract -f tsv nested.md
[ "$(cut -f2 nested.out)" = 1a2b3-103 ] || fail "nested: pair not extracted"
# The same spans never closed: one unbalanced-span diagnostic, no recursion.
{
  printf '<span data-ttu-id="1a2b3-103">'
  awk 'BEGIN { for (i = 0; i < 100000; i++) printf "<span> " }'
  printf '</span><span class="sxs-lookup"><span data-stu-id="1a2b3-103">y</span></span>\n'
} >nested-open.md
run nested-open 1 extract -f tsv nested-open.md
grep -qE 'nested-open.md:1:1: error: .*\[(unbalanced|unclosed)-span\]' nested-open.err || fail "nested-open: no diagnostic"

# 2. 100,000 unclosed pair tags, then one good pair: each reported (or
# summed up), the good pair still extracted.
{
  awk 'BEGIN { for (i = 0; i < 100000; i++) printf "<span data-ttu-id=\"1a2b3-%d\">t ", 200 + i }'
  printf '\n\n'
  pair 1a2b3-900000 Bien Good
  printf '\n'
} >unclosed.md
run unclosed 1 extract -f tsv unclosed.md
grep -q '1a2b3-900000' unclosed.out || fail "unclosed: the good pair after the damage is lost"
grep -q '^unclosed.md:1:1: error: .*\[unclosed-span\]' unclosed.err || fail "unclosed: no diagnostic"

# 3. 100,000 stray sxs-lookup spans.
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "<span class=\"sxs-lookup\"><span data-stu-id=\"1a2b3-1\">x</span></span> "; print "" }' >stray.md
run stray 1 extract -f tsv stray.md
grep -q '^stray.md:1:1: error: .*\[stray-lookup\]' stray.err || fail "stray: no diagnostic"

# 4. Random binary (fixed seed, so a failure can be reproduced).
awk 'BEGIN { srand(7); for (i = 0; i < 200000; i++) printf "%c", int(rand() * 256) }' >random.md
run random '0|1' extract -f tsv random.md
run random-rebuild '0|1' rebuild random.md
run random-repair '0|1' repair random.md
run random-check '0|1|2' check random.md

# 5. NUL bytes: reported with their position, the pair beside them kept.
{ pair 1a2b3-103 'Uno' 'One'; printf ' a\0b '; pair 1a2b3-104 'Dos' 'Two'; printf '\n'; } >nul.md
run nul 1 extract -f tsv nul.md
grep -q '^nul.md:1:[0-9]*: error: .*\[nul-byte\]' nul.err || fail "nul: no nul-byte diagnostic"
[ "$(wc -l <nul.out)" = 2 ] || fail "nul: pairs lost"
printf '\0\0\0\0' >nul-only.md
run nul-only 1 extract -f tsv nul-only.md

# 6. An empty file; a page of front matter only; front matter never closed.
: >empty.md
run empty 0 extract -f tsv empty.md
[ ! -s empty.out ] || fail "empty: output"
run empty-rebuild 0 rebuild empty.md
run empty-check '0|1' check empty.md
run empty-repair 0 repair empty.md
printf -- '---\ntitle: Solo\nms.contentlocale: es-ES\n---\n' >front.md
run front 0 extract -f tsv front.md
run front-rebuild 0 rebuild front.md
run front-check '0|1' check front.md
cmp -s front-rebuild.out front.md || fail "front: rebuild changed the page"
printf -- '---\ntitle: Solo\n' >front-open.md
run front-open '0|1' extract -f tsv front-open.md
grep -q 'front-open.md:1:1: ' front-open.err || fail "front-open: no diagnostic"

# 7. A 50 MB single line of pairs: all extracted, memory bounded.
awk 'BEGIN { p = "<span data-ttu-id=\"1a2b3-%d\">Hola mundo.</span><span class=\"sxs-lookup\"><span data-stu-id=\"1a2b3-%d\">Hello world.</span></span> ";
             for (i = 0; i < 420000; i++) printf p, 103 + i, 103 + i; print "" }' >line.md
[ "$(stat -c %s line.md)" -gt 50000000 ] || fail "line: generator made less than 50 MB"
if [ -x /usr/bin/time ]; then
  /usr/bin/time -f %M -o line.rss "$SXS" extract -f tsv -o line.tsv line.md 2>line.err
  rc=$?
  rss=$(tail -1 line.rss)
  # The page itself is 50 MB; ASan doubles what it allocates.
  [ "$rss" -lt 1500000 ] || fail "line: peak memory ${rss} kB"
else
  "$SXS" extract -f tsv -o line.tsv line.md 2>line.err
  rc=$?
fi
[ $rc = 0 ] || fail "line: exit $rc"
[ "$(wc -l <line.tsv)" = 420000 ] || fail "line: not every pair extracted"
rm -f line.md line.tsv

# 8. Bad bytes in pair markup everywhere are covered by adversarial_utf8.sh.

# An empty id (and an empty SOURCE) as a key of diff's and merge's maps.
printf '<span data-ttu-id="">Hola</span><span class="sxs-lookup"><span data-stu-id=""></span></span>\n' > empty-id.md
"$SXS" extract -q -f xliff -o empty-id.xlf empty-id.md 2>/dev/null
run empty-id-diff 0 diff empty-id.md empty-id.md
run empty-id-merge '0|1' merge -t empty-id.xlf --dry-run empty-id.md

# 9. Files past the read limit (SXS_MAX_FILE_SIZE): a device that never
# ends, a pipe, a regular file; each refused with its name and the limit,
# exit 2, while the pages beside it are still extracted.
printf '%s\n' "$(pair 1 "Uno" "One")" > small.md
for what in /dev/zero - big.md; do
  head -c 200000 /dev/zero | tr '\0' 'x' > big.md
  name=limit-${what//\//_}
  if [ "$what" = - ]; then
    yes 'endless line' | SXS_MAX_FILE_SIZE=64K run "$name" 2 extract -f tsv small.md -
  else
    SXS_MAX_FILE_SIZE=64K run "$name" 2 extract -f tsv small.md "$what"
  fi
  grep -q "^sxs: $what: larger than the read limit of 65536 bytes$" "$name.err" ||
    fail "$name: no read-limit message: $(head -c 300 "$name.err")"
  grep -q $'\tOne\tUno$' "$name.out" ||
    fail "$name: the page beside it was not extracted"
done
# Under the limit the same page is read.
SXS_MAX_FILE_SIZE=300K run limit-under 0 extract -f tsv big.md
for bad in 0 -5 12Q 1.5M ''; do
  SXS_MAX_FILE_SIZE=$bad "$SXS" stats small.md >limit-bad.out 2>limit-bad.err
  rc=$?
  if [ -z "$bad" ]; then
    [ $rc = 0 ] || fail "empty SXS_MAX_FILE_SIZE: exit $rc (the default applies)"
  else
    [ $rc = 2 ] && grep -q "SXS_MAX_FILE_SIZE: '$bad' is not a size" limit-bad.err ||
      fail "SXS_MAX_FILE_SIZE=$bad: exit $rc, $(cat limit-bad.err)"
  fi
done
if [ $failures -gt 0 ]; then exit 1; fi
echo "adversarial pages: ok"
