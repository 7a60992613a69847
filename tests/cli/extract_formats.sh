#!/usr/bin/env bash
# sxs extract, every format: the output over tests/fixtures/extract must equal
# the golden file byte for byte (stderr and exit status too), and each output
# must pass an independent check: xmllint against the XLIFF 2 schema and the
# TMX DTD, msgfmt -c for PO, tests/tools/json_validate for JSON Lines.
#
# Goldens were written once by SXS_UPDATE_GOLDEN=1 and checked by eye; the
# sxs version in them is @VERSION@.
set -u
: "${SXS:?set SXS to the sxs command}"
: "${SXS_SOURCE_DIR:?set SXS_SOURCE_DIR}"
: "${SXS_TEST_TOOLS:?set SXS_TEST_TOOLS}"
shared=${SXS_SHARED:-$SXS_SOURCE_DIR/../shared}
schemas=$shared/schemas
fixtures=$SXS_SOURCE_DIR/tests/fixtures/extract
golden=$SXS_SOURCE_DIR/tests/golden/extract
json_validate=$SXS_TEST_TOOLS/json_validate
# The test runs in the fixture directory: make the commands' paths absolute.
case $SXS in */*) SXS=$(cd "$(dirname "$SXS")" && pwd)/$(basename "$SXS") ;; esac
json_validate=$(cd "$(dirname "$json_validate")" && pwd)/json_validate
keys=file,id,line,column,context,source,target,source_locale,target_locale,translation_type

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# libgettextpo 0.21 does not free a message's msgctxt (message_free skips
# it): not ours to fix, so a sanitizer build must not count it.
echo 'leak:libgettextpo' >"$tmp/lsan.supp"
export LSAN_OPTIONS="suppressions=$tmp/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

for tool in xmllint msgfmt; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool is not installed" >&2; exit 1; }
done
[ -x "$json_validate" ] || { echo "FAIL: no $json_validate" >&2; exit 1; }

version=$("$SXS" --version | sed -n '1s/^sxs //p')
# Only the lines that name the tool's version are made version-free.
unversion() { sed "/creationtoolversion=\|X-Generator: sxs/s/$version/@VERSION@/"; }

cd "$fixtures" || exit 1
pages=(es-ES ja-JP) # walked in this order: es-ES/garden.md, es-ES/no-pairs.md, es-ES/odd.md, ja-JP/garden.md

for fmt in jsonl tsv po xliff tmx; do
  out=$tmp/pages.$fmt
  "$SXS" extract -q -f "$fmt" -o "$out" "${pages[@]}" 2>"$tmp/err.$fmt"
  echo "exit $?" >>"$tmp/err.$fmt"
  unversion <"$out" >"$tmp/pages.$fmt.unversioned"
  if [ "${SXS_UPDATE_GOLDEN:-}" = 1 ]; then
    cp "$tmp/pages.$fmt.unversioned" "$golden/pages.$fmt"
    cp "$tmp/err.$fmt" "$golden/pages.$fmt.err"
    continue
  fi
  cmp -s "$golden/pages.$fmt" "$tmp/pages.$fmt.unversioned" ||
    { fail "$fmt output differs from the golden file:";
      diff -u "$golden/pages.$fmt" "$tmp/pages.$fmt.unversioned" | head -40 >&2; }
  cmp -s "$golden/pages.$fmt.err" "$tmp/err.$fmt" ||
    { fail "$fmt stderr or exit status differs from the golden file:";
      diff -u "$golden/pages.$fmt.err" "$tmp/err.$fmt" >&2; }

  # Standard output is the same bytes as -o FILE (the streamed path).
  "$SXS" extract -q -f "$fmt" "${pages[@]}" >"$tmp/stdout.$fmt" 2>/dev/null
  cmp -s "$out" "$tmp/stdout.$fmt" || fail "$fmt: stdout differs from -o output"
done

# Independent validation of each output.
"$json_validate" --keys "$keys" "$tmp/pages.jsonl" ||
  fail "jsonl is not strict JSON Lines with the keys $keys"
awk -F '\t' 'NF != 4 { bad = 1 } END { exit bad }' "$tmp/pages.tsv" ||
  fail "tsv has a line without exactly 4 fields"
msgfmt -c -o /dev/null "$tmp/pages.po" || fail "msgfmt -c rejects the PO"
if [ -f "$schemas/xliff/xliff_core_2.0.xsd" ] && [ -f "$schemas/tmx/tmx14.dtd" ]; then
  xmllint --noout --schema "$schemas/xliff/xliff_core_2.0.xsd" \
    "$tmp/pages.xliff" 2>"$tmp/xmllint.err" ||
    { fail "XLIFF does not validate"; cat "$tmp/xmllint.err" >&2; }
  cp "$schemas/tmx/tmx14.dtd" "$tmp/" # the DOCTYPE names it beside the file
  xmllint --noout --dtdvalid "$schemas/tmx/tmx14.dtd" "$tmp/pages.tmx" \
    2>"$tmp/xmllint.err" ||
    { fail "TMX does not validate"; cat "$tmp/xmllint.err" >&2; }
  [ -s "$tmp/xmllint.err" ] && { fail "xmllint complained about the TMX"; cat "$tmp/xmllint.err" >&2; }
  have_schemas=1
else
  # A user's clone has no ../shared: the goldens still hold the output.
  echo "note: no schemas in $schemas; XLIFF and TMX validation skipped"
  xmllint --noout "$tmp/pages.xliff" "$tmp/pages.tmx" 2>/dev/null ||
    fail "XLIFF or TMX is not well-formed"
  have_schemas=0
fi

# Every format carries the same number of pairs.
n=$(wc -l <"$tmp/pages.jsonl")
[ "$n" -gt 0 ] || fail "no pairs extracted"
[ "$(wc -l <"$tmp/pages.tsv")" -eq "$n" ] || fail "tsv and jsonl differ in pair count"
[ "$(grep -c '<unit ' "$tmp/pages.xliff")" -eq "$n" ] || fail "xliff unit count is not $n"
[ "$(grep -c '<tu ' "$tmp/pages.tmx")" -eq "$n" ] || fail "tmx tu count is not $n"
[ "$(grep -c '^msgctxt ' "$tmp/pages.po")" -eq "$n" ] || fail "po message count is not $n"

# The validators themselves must reject bad input, or the checks above mean
# nothing.
bad_json=(
  '{"file":"a","id":"b"'                      # truncated
  $'{"file":"a\x01"}'                         # raw control character
  $'{"file":"\xff"}'                          # not UTF-8
  '{"file":"\ud800"}'                         # lone surrogate
  '{"file":"a",}'                             # trailing comma
  '{"file":01}'                               # leading zero
)
for line in "${bad_json[@]}"; do
  printf '%s\n' "$line" | "$json_validate" 2>/dev/null &&
    fail "json_validate accepted: $line"
done
printf '{"id":"x","file":"y"}\n' | "$json_validate" --keys file,id 2>/dev/null &&
  fail "json_validate accepted keys out of order"
printf '{"a":[1,2.5e3,true,null,"\\u00e9\\ud83d\\ude00"]}\n' | "$json_validate" ||
  fail "json_validate rejected valid JSON"
if [ "$have_schemas" = 1 ]; then
  sed 's/<target>Rosa</<target>Rosa<b\/></' "$tmp/pages.xliff" >"$tmp/bad.xliff"
  xmllint --noout --schema "$schemas/xliff/xliff_core_2.0.xsd" "$tmp/bad.xliff" \
    2>/dev/null && fail "xmllint accepted an invalid XLIFF"
fi

# Command line behaviour.
"$SXS" extract 2>/dev/null
[ $? -eq 2 ] || fail "no operand: exit status is not 2"
"$SXS" extract -f csv es-ES 2>/dev/null
[ $? -eq 2 ] || fail "unknown format: exit status is not 2"
"$SXS" extract -q -o "$tmp/no/such/dir/out.jsonl" es-ES 2>/dev/null
[ $? -eq 2 ] || fail "unwritable output: exit status is not 2"
"$SXS" extract -q -o "$tmp/missing.jsonl" es-ES/garden.md no-such-page.md 2>/dev/null
[ $? -eq 2 ] || fail "missing page: exit status is not 2"
"$SXS" extract -q es-ES/garden.md >/dev/null 2>&1
[ $? -eq 0 ] || fail "clean page: exit status is not 0"
"$SXS" extract -f xliff -q es-ES/garden.md </dev/null | grep -q 'trgLang="es-ES"' ||
  fail "xliff trgLang is not the page's locale"

# A failed run leaves the previous output alone and no temporary file: an
# XLIFF document needs a unit, and no-pairs.md has none.
mkdir "$tmp/keep" && echo old >"$tmp/keep/out.xliff"
"$SXS" extract -q -f xliff -o "$tmp/keep/out.xliff" es-ES/no-pairs.md 2>/dev/null
[ $? -eq 2 ] || fail "xliff without pairs: exit status is not 2"
[ "$(cat "$tmp/keep/out.xliff")" = old ] || fail "failed run replaced the output"
[ "$(ls -A "$tmp/keep" | wc -l)" -eq 1 ] || fail "failed run left a file behind: $(ls -A "$tmp/keep")"

# A symbolic link stays a link; a FIFO (like /dev/null, not a regular file)
# is written to, not replaced by a renamed file.
echo old >"$tmp/real.tsv"
ln -s real.tsv "$tmp/link.tsv"
"$SXS" extract -q -f tsv -o "$tmp/link.tsv" es-ES/garden.md
[ -L "$tmp/link.tsv" ] || fail "-o through a symbolic link replaced the link"
cmp -s "$tmp/real.tsv" <("$SXS" extract -q -f tsv es-ES/garden.md) ||
  fail "-o through a symbolic link did not write the linked file"
mkfifo "$tmp/fifo"
cat "$tmp/fifo" >"$tmp/fifo.out" &
reader=$!
"$SXS" extract -q -f xliff -o "$tmp/fifo" es-ES/garden.md
if [ -p "$tmp/fifo" ]; then
  wait "$reader"
  grep -q '<unit id="a1b2c-103">' "$tmp/fifo.out" || fail "nothing came through the FIFO"
else
  kill "$reader" 2>/dev/null
  fail "-o FIFO replaced the FIFO with a file"
fi

# A page read from standard input is named "-".
"$SXS" extract -q -f tsv - <es-ES/garden.md | cut -f1 | sort -u | grep -qx -- - ||
  fail "a page from stdin is not named -"

if [ "${SXS_UPDATE_GOLDEN:-}" = 1 ]; then
  echo "goldens written to $golden: check them by eye"
  exit 0
fi
[ "$failures" -eq 0 ] || { echo "$failures check(s) failed" >&2; exit 1; }
echo "extract formats: all checks passed"
