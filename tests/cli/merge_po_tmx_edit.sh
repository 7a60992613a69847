#!/bin/bash
# PO and TMX edited by the test come back through merge; nothing else moves.
# A fuzzy PO entry is not merged; a TMX of another language is refused.
set -u
. "$(dirname "$0")/merge_fixture.bash"
reset
"$SXS" extract -q -f po -o base.po es-ES || exit 1
"$SXS" extract -q -f tmx -o base.tmx es-ES || exit 1
sed 's|>Tableros</span>|>Paneles</span>|' "$fixture/intro.md" > expected.md
check "expected page differs from the fixture" bash -c "! cmp -s '$fixture/intro.md' expected.md"

# PO: one msgstr edited.
sed 's|^msgstr "Tableros"$|msgstr "Paneles"|' base.po > edit.po
"$SXS" merge -t edit.po --in-place es-ES 2>err.txt
rc=$?
check "po: exit 0 (got $rc)" [ "$rc" -eq 0 ]
check "po: one updated" grep -q ' 1 updated, 11 unchanged, 0 not found, 0 refused' err.txt
check "po: only that TARGET changed" cmp -s expected.md es-ES/intro.md
check "po: other page untouched" cmp -s "$fixture/sub/cards.md" es-ES/sub/cards.md

# PO: the same edit marked fuzzy is not merged.
reset
awk '/^msgctxt "a1b2c-103"$/ { print "#, fuzzy" } { print }' edit.po > fuzzy.po
check "fuzzy flag written" grep -q '^#, fuzzy' fuzzy.po
"$SXS" merge -t fuzzy.po --in-place es-ES 2>err.txt
check "po fuzzy: not merged" cmp -s "$fixture/intro.md" es-ES/intro.md
check "po fuzzy: counted without translation" grep -q ' 1 without translation' err.txt

# TMX: one seg edited.
reset
sed 's|<seg>Tableros</seg>|<seg>Paneles</seg>|' base.tmx > edit.tmx
"$SXS" merge -t edit.tmx -o out es-ES 2>err.txt
rc=$?
check "tmx: exit 0 (got $rc)" [ "$rc" -eq 0 ]
check "tmx: only that TARGET changed" cmp -s expected.md out/intro.md
check "tmx: -o mirrors the tree" cmp -s "$fixture/sub/cards.md" out/sub/cards.md
check "tmx: pages in place untouched" cmp -s "$fixture/intro.md" es-ES/intro.md

# TMX for another locale: refused, never merged into an es-ES page.
sed 's|xml:lang="es-ES"|xml:lang="it-IT"|' edit.tmx > italian.tmx
"$SXS" merge -t italian.tmx --in-place es-ES 2>err.txt
rc=$?
check "tmx language: exit 1 (got $rc)" [ "$rc" -eq 1 ]
check "tmx language: reported" grep -q 'language-mismatch' err.txt
check "tmx language: page untouched" cmp -s "$fixture/intro.md" es-ES/intro.md
# A damaged page repeating one id, with different SOURCEs and one repeated
# (id, SOURCE): PO keeps them apart by msgid and by the FILE#ID#N msgctxt
# extract writes, so each edit comes back to its own pair.
mkdir dup
pair() { printf '<span data-ttu-id="%s">%s</span><span class="sxs-lookup"><span data-stu-id="%s">%s</span></span>\n\n' "$1" "$2" "$1" "$3"; }
{ printf -- '---\nms.contentlocale: es-ES\n---\n'
  pair a1b2c-7 Uno One; pair a1b2c-7 Dos Two; pair a1b2c-7 Uno One; pair a1b2c-8 Tres Three; } > dup/p.md
(cd dup && "$SXS" extract -q -f po -o ../dup.po p.md 2>/dev/null)
awk '/^msgstr "Uno"$/ { n++; if (n == 2) { print "msgstr \"Uno bis\""; next } }
     /^msgstr "Dos"$/ { print "msgstr \"Dos bis\""; next } { print }' dup.po > dup-edit.po
(cd dup && "$SXS" merge -t ../dup-edit.po --in-place p.md 2>../err.txt)
rc=$?
check "po duplicates: exit 0 (got $rc)" [ "$rc" -eq 0 ]
check "po duplicates: two updated" grep -q ' 2 updated, 2 unchanged, 0 not found, 0 refused' err.txt
(cd dup && "$SXS" extract -q -f po -o ../dup-back.po p.md 2>/dev/null)
check "po duplicates: the page gives back the edited PO" cmp -s dup-edit.po dup-back.po
check "po duplicates: the first Uno kept" grep -q '>Uno</span>' dup/p.md

# The same page through TMX: the two "One" pairs share id and SOURCE, and
# x-line tells their units apart.
{ printf -- '---\nms.contentlocale: es-ES\n---\n'
  pair a1b2c-7 Uno One; pair a1b2c-7 Dos Two; pair a1b2c-7 Uno One; pair a1b2c-8 Tres Three; } > dup/p.md
(cd dup && "$SXS" extract -q -f tmx -o ../dup.tmx p.md 2>/dev/null)
awk '/<seg>Uno<\/seg>/ { n++; if (n == 2) sub(/Uno/, "Uno bis") } { print }' dup.tmx > dup-edit.tmx
(cd dup && "$SXS" merge -t ../dup-edit.tmx --in-place p.md 2>../err.txt)
rc=$?
check "tmx duplicates: exit 0 (got $rc)" [ "$rc" -eq 0 ]
check "tmx duplicates: one updated" grep -q ' 1 updated, 3 unchanged, 0 not found, 0 refused' err.txt
check "tmx duplicates: the second Uno edited" bash -c "grep -o '>Uno[^<]*</span>' dup/p.md | tr '\n' '|' | grep -qx '>Uno</span>|>Uno bis</span>|'"
# One unit twice, at the same line, with two translations: ambiguous,
# refused, the page untouched.
cp dup/p.md before.md
awk '/<\/body>/ { print "    <tu tuid=\"a1b2c-8\">\n      <prop type=\"x-file\">p.md</prop>\n      <prop type=\"x-line\">10</prop>\n      <tuv xml:lang=\"en-US\">\n        <seg>Three</seg>\n      </tuv>\n      <tuv xml:lang=\"es-ES\">\n        <seg>Tres otra</seg>\n      </tuv>\n    </tu>" } { print }' dup-edit.tmx > dup-twice.tmx
(cd dup && "$SXS" merge -t ../dup-twice.tmx --in-place p.md 2>../err.txt)
rc=$?
check "tmx unit twice: exit 1 (got $rc)" [ "$rc" -eq 1 ]
check "tmx unit twice: refused" grep -q 'a1b2c-8: the file has two different translations for this pair \[bad-unit\]' err.txt
check "tmx unit twice: page untouched" cmp -s before.md dup/p.md
exit $fail
