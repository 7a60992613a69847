#!/bin/bash
# XLIFF 2 inline codes, as a CAT tool that protects a segment's markup
# writes them: <ph>, <pc>, <sc> and <ec> that refer to the unit's
# <originalData> come back as the Markdown and HTML they stand for, and
# annotation markers (<sm>, <em>) stand for nothing. A unit with a code
# whose markup is not in the file is reported, saying why, and not merged.
# extract --inline-codes writes such XLIFF, and TMX with <ph>, <bpt>, <ept>.
set -u
. "$(dirname "$0")/merge_fixture.bash"

# The XLIFF of intro.md's units 106 and 107 that such a tool would write
# (also a seed of the XLIFF fuzz target).
codes="$SXS_SOURCE_DIR/tests/fixtures/merge/codes.xlf"
# variant FILE SED-SCRIPT: codes.xlf edited; fails the test if unchanged.
variant() {
  sed -e "$2" "$codes" > "$1"
  if cmp -s "$codes" "$1"; then echo "FAIL: '$2' changes nothing"; fail=1; fi
}

# 1. Codes with their original data: both TARGETs replaced, nothing else.
reset
cp "$codes" codes.xlf
xsd="${SXS_SHARED:-}/schemas/xliff/xliff_core_2.0.xsd"
if [ -f "$xsd" ]; then
  check "the test's XLIFF is valid against the XLIFF 2 core schema" \
    xmllint --noout --nonet --schema "$xsd" codes.xlf
fi
"$SXS" merge -t codes.xlf --in-place es-ES 2>err.txt
rc=$?
cat err.txt
check "codes: exit 0 (got $rc)" [ "$rc" -eq 0 ]
check "codes: summary" grep -q ' 2 updated, 0 unchanged, 0 not found, 0 refused' err.txt
new_107='s|>Vea \[la guía\](guide.md) y <span class="input">Tablero</span>.<|>Consulte [la guía](guide.md) y <span class="input">Tablero</span>.<|'
new_106='s|>Escriba `Bearer <token>` en el encabezado.<|>Escriba `Bearer <token>` en la cabecera.<|'
sed -e "$new_107" -e "$new_106" "$fixture/intro.md" > expected.md
sed -e "$new_107" "$fixture/intro.md" > only_107.md
sed -e "$new_106" "$fixture/intro.md" > only_106.md
check "codes: the expected page differs from the fixture" bash -c "! cmp -s expected.md '$fixture/intro.md'"
check "codes: page is the original with two TARGETs replaced" cmp -s expected.md es-ES/intro.md
check "codes: the other page is untouched" cmp -s "$fixture/sub/cards.md" es-ES/sub/cards.md

# 2. The codes resolve to the page's SOURCE: a unit whose code stands for
#    other markup than the page has is a changed source, not merged.
reset
variant moved.xlf 's|](guide.md)|](other.md)|'
"$SXS" merge -t moved.xlf --in-place es-ES 2>err.txt
rc=$?
check "other markup: exit 1 (got $rc)" [ "$rc" -eq 1 ]
check "other markup: source changed" grep -q 'pair a1b2c-107: source changed.*\[source-changed\]' err.txt
check "other markup: the other unit merged" grep -q ' 1 updated, .* 1 refused' err.txt
check "other markup: only the other unit merged" cmp -s only_106.md es-ES/intro.md

# 3. Codes whose markup the file does not give make their unit unusable:
#    reported, saying why, and not merged; the other unit still is.
refused() { # description, sed script, expected message, expected page
  reset
  variant bad.xlf "$2"
  "$SXS" merge -t bad.xlf --in-place es-ES 2>err.txt
  rc=$?
  check "$1: exit 1 (got $rc)" [ "$rc" -eq 1 ]
  check "$1: reported at the unit, with why" \
    grep -Eq "^bad\.xlf:[0-9]+:[0-9]+: error: .*a1b2c-10[67]: $3.*\[bad-unit\]" err.txt
  check "$1: only the other unit merged" cmp -s "$4" es-ES/intro.md
  [ "$fail" -eq 0 ] || cat err.txt
}
refused "ph without dataRef" 's|<ph id="1" dataRef="d1"/> en|<ph id="1"/> en|' \
  'an inline code without dataRef' only_107.md
refused "dataRef to no data" 's|dataRef="d1"/> en|dataRef="d9"/> en|' \
  'an inline code refers to a <data> that' only_107.md
refused "pc without dataRefEnd" 's|<pc id="1" dataRefStart="d1" dataRefEnd="d2"><mrk|<pc id="1" dataRefStart="d1"><mrk|' \
  'an inline code without dataRef' only_106.md
refused "an element XLIFF does not have here" 's|<ph id="1" dataRef="d1"/> en|<b>x</b> en|' \
  'an inline element that sxs cannot turn back into Markdown' only_107.md

# 4. extract --inline-codes writes such codes itself: each code span, HTML
#    tag and autolink a <ph>, each link a <pc> around its text, a target's
#    code with the id of the source's code with the same markup.
reset
"$SXS" extract -q -f xliff --inline-codes -o ours.xlf es-ES 2>err.txt
rc=$?
check "extract --inline-codes: exit 0 (got $rc)" [ "$rc" -eq 0 ]
if [ -f "$xsd" ]; then
  check "extract --inline-codes: valid against the XLIFF 2 core schema" \
    xmllint --noout --nonet --schema "$xsd" ours.xlf
fi
check "extract --inline-codes: a code span is a <ph>" \
  grep -qF '<source>Type <ph id="1" dataRef="d1"/> in the header.</source>' ours.xlf
check "extract --inline-codes: its data" \
  grep -qF '<data id="d1">`Bearer &lt;token&gt;`</data>' ours.xlf
check "extract --inline-codes: a link is a <pc>, tags are <ph>" \
  grep -qF '<target>Vea <pc id="1" dataRefStart="d1" dataRefEnd="d2">la guía</pc> y <ph id="2" dataRef="d3"/>Tablero<ph id="3" dataRef="d4"/>.</target>' ours.xlf
check "extract --inline-codes: units without markup stay text" \
  grep -qF '<source>Use **New** to create one.</source>' ours.xlf
check "extract --inline-codes: one <originalData> per unit with codes" \
  [ "$(grep -c '<originalData>' ours.xlf)" -eq 2 ]
"$SXS" merge -t ours.xlf --dry-run es-ES 2>err.txt
check "extract --inline-codes: merged back, nothing changes" \
  grep -q ' 0 updated, 12 unchanged, 0 not found, 0 refused' err.txt
sed -e 's|>la guía</pc> y|>la guía</pc> o|' -e 's|en el encabezado|en la cabecera|' \
  ours.xlf > ours-edit.xlf
"$SXS" merge -t ours-edit.xlf --in-place es-ES 2>err.txt
check "extract --inline-codes: edits merged" \
  grep -q ' 2 updated, 10 unchanged, 0 not found, 0 refused' err.txt
sed -e 's|>Vea \[la guía\](guide.md) y <span|>Vea [la guía](guide.md) o <span|' \
  -e "$new_106" "$fixture/intro.md" > edited.md
check "extract --inline-codes: the page has the two edits, nothing else" \
  cmp -s edited.md es-ES/intro.md

# 5. TMX too: codes as <ph>, <bpt> and <ept> holding their markup.
reset
"$SXS" extract -q -f tmx --inline-codes -o ours.tmx es-ES 2>err.txt
rc=$?
check "tmx --inline-codes: exit 0 (got $rc)" [ "$rc" -eq 0 ]
dtd="${SXS_SHARED:-}/schemas/tmx/tmx14.dtd"
if [ -f "$dtd" ]; then
  check "tmx --inline-codes: valid against the TMX 1.4 DTD" \
    xmllint --noout --nonet --dtdvalid "$dtd" ours.tmx
fi
check "tmx --inline-codes: a link is <bpt>/<ept>, tags are <ph>" \
  grep -qF '<seg>Vea <bpt i="1" x="1">[</bpt>la guía<ept i="1">](guide.md)</ept> y <ph x="2">&lt;span class=&quot;input&quot;&gt;</ph>Tablero<ph x="3">&lt;/span&gt;</ph>.</seg>' ours.tmx
sed -e 's|la guía<ept i="1">](guide.md)</ept> y|la guía<ept i="1">](guide.md)</ept> o|' \
  -e 's|en el encabezado|en la cabecera|' ours.tmx > ours-edit.tmx
"$SXS" merge -t ours-edit.tmx --in-place es-ES 2>err.txt
check "tmx --inline-codes: edits merged" \
  grep -q ' 2 updated, 10 unchanged, 0 not found, 0 refused' err.txt
check "tmx --inline-codes: the page has the two edits, nothing else" \
  cmp -s edited.md es-ES/intro.md

"$SXS" extract -f po --inline-codes es-ES >/dev/null 2>err.txt
rc=$?
check "--inline-codes with -f po: exit 2 (got $rc)" [ "$rc" -eq 2 ]
check "--inline-codes with -f po: says why" grep -q 'for -f xliff and -f tmx only' err.txt
exit $fail
