#!/bin/bash
# An XLIFF edited by the test comes back through merge and nothing else
# moves; translations that would break the page are refused and leave it
# untouched; unknown ids and pages are reported; unsafe XML is refused.
set -u
. "$(dirname "$0")/merge_fixture.bash"
# A literal sed replacement: \, & and the | delimiter escaped.
sed_escape() { printf '%s' "$1" | sed -e 's/[\\&|]/\\&/g'; }
reset
"$SXS" extract -q -f xliff -o base.xlf es-ES || exit 1

# 1. One edited target: only that TARGET changes.
sed 's|<target>Un tablero agrupa las tarjetas de un equipo.</target>|<target>Un tablero reúne las tarjetas \&amp;amp; notas de un equipo.</target>|' base.xlf > edit.xlf
check "the edit is in the XLIFF" grep -q 'reúne' edit.xlf
cards_inode=$(stat -c %i es-ES/sub/cards.md)
"$SXS" merge -t edit.xlf --in-place es-ES 2>err.txt
rc=$?
check "edit: exit 0 (got $rc)" [ "$rc" -eq 0 ]
check "edit: summary" grep -q ' 1 updated, 11 unchanged, 0 not found, 0 refused' err.txt
sed 's|>Un tablero agrupa las tarjetas de un equipo.<|>Un tablero reúne las tarjetas \&amp; notas de un equipo.<|' "$fixture/intro.md" > expected.md
check "edit: page is the original with one TARGET replaced" cmp -s expected.md es-ES/intro.md
check "edit: the other page was not rewritten" [ "$(stat -c %i es-ES/sub/cards.md)" = "$cards_inode" ]
check "edit: no temporary file left" [ "$(find es-ES -type f | wc -l)" -eq 2 ]

# 2. A translation with a stray </span> is refused; the page stays untouched.
reset
sed -e 's|<target>Use \*\*Nuevo\*\* para crear uno.</target>|<target>Use \*\*Nuevo\*\*\&lt;/span\&gt; para crear uno.</target>|' \
    -e 's|<target>Tableros</target>|<target>Paneles</target>|' base.xlf > bad.xlf
"$SXS" merge -t bad.xlf --in-place es-ES 2>err.txt
rc=$?
check "stray span: exit 1 (got $rc)" [ "$rc" -eq 1 ]
check "stray span: diagnostic with file:line:col" grep -Eq '^es-ES/intro\.md:11:[0-9]+: error: pair a1b2c-105: translation refused: a stray </span> would close the pair.*\[refused-target\]' err.txt
check "stray span: page untouched (the good edit too)" cmp -s "$fixture/intro.md" es-ES/intro.md
check "stray span: summary" grep -q ' 0 updated, .* 1 refused' err.txt

# 3. Other breaking translations.
for bad in 'Uno.&#10;&#10;Dos.' 'Escriba `Bearer &lt;token&gt; en' '&lt;span data-ttu-id="x-1"&gt;a&lt;/span&gt;' 'Texto \' '&lt;strong&gt;Nuevo'; do
  reset
  sed "s|<target>Use \*\*Nuevo\*\* para crear uno.</target>|<target>$(sed_escape "$bad")</target>|" base.xlf > bad.xlf
  check "bad target '$bad' is in the XLIFF" bash -c "! cmp -s base.xlf bad.xlf"
  "$SXS" merge -t bad.xlf --in-place es-ES 2>err.txt
  rc=$?
  check "bad target '$bad': exit 1 (got $rc)" [ "$rc" -eq 1 ]
  check "bad target '$bad': refused" grep -q 'refused-target' err.txt
  check "bad target '$bad': page untouched" cmp -s "$fixture/intro.md" es-ES/intro.md
done

# 4. The unit's source differs from the page's SOURCE: refused unless
#    --force-source.
reset
sed -e 's|<source>Boards</source>|<source>Board list</source>|' \
    -e 's|<target>Tableros</target>|<target>Lista de tableros</target>|' base.xlf > src.xlf
"$SXS" merge -t src.xlf --in-place es-ES 2>err.txt
rc=$?
check "source changed: exit 1 (got $rc)" [ "$rc" -eq 1 ]
check "source changed: reported" grep -Eq '^es-ES/intro\.md:9:[0-9]+: error: pair a1b2c-103: source changed.*\[source-changed\]' err.txt
check "source changed: page untouched" cmp -s "$fixture/intro.md" es-ES/intro.md
"$SXS" merge -t src.xlf --force-source --in-place es-ES 2>err.txt
rc=$?
check "--force-source: exit 0 (got $rc)" [ "$rc" -eq 0 ]
check "--force-source: merged" grep -q '>Lista de tableros</span>' es-ES/intro.md

# 5. Ids and pages unknown are reported, never guessed.
reset
sed 's|<unit id="a1b2c-111">|<unit id="a1b2c-911">|' base.xlf > ids.xlf
"$SXS" merge -t ids.xlf --dry-run es-ES/intro.md 2>err.txt
rc=$?
check "unknown id: exit 1 (got $rc)" [ "$rc" -eq 1 ]
check "unknown id: reported" grep -q "no pair with id 'a1b2c-911'.*\[id-not-found\]" err.txt
check "page not given: reported" grep -q "page 'es-ES/sub/cards.md' (3 units) is not among the pages given \[page-not-found\]" err.txt
check "not found: counted" grep -q ' 4 not found' err.txt

# 6. XML that could reach outside is refused before any page is read.
reset
{ echo '<?xml version="1.0"?>'
  echo '<!DOCTYPE xliff [<!ENTITY leak SYSTEM "file:///etc/passwd">]>'
  sed 1d base.xlf | sed 's|<target>Tableros</target>|<target>\&leak;</target>|'; } > xxe.xlf
"$SXS" merge -t xxe.xlf --in-place es-ES 2>err.txt
rc=$?
check "internal subset: exit 2 (got $rc)" [ "$rc" -eq 2 ]
check "internal subset: reason" grep -q 'internal DTD subset refused' err.txt
check "internal subset: page untouched" cmp -s "$fixture/intro.md" es-ES/intro.md

# A document that is not well-formed: where and why, exit 2.
head -c 400 base.xlf > cut.xlf
"$SXS" merge -t cut.xlf --in-place es-ES 2>err.txt
rc=$?
check "truncated XML: exit 2 (got $rc)" [ "$rc" -eq 2 ]
check "truncated XML: file:line:col" grep -Eq '^cut\.xlf:[0-9]+:[0-9]+: error: .*\[unreadable-translations\]' err.txt

# 7. An XLIFF inline code sxs cannot turn back into Markdown.
sed 's|<target>Tableros</target>|<target>Tab<ph id="1"/>leros</target>|' base.xlf > ph.xlf
"$SXS" merge -t ph.xlf --in-place es-ES 2>err.txt
check "inline element: reported" grep -q 'bad-unit' err.txt
check "inline element: page untouched" cmp -s "$fixture/intro.md" es-ES/intro.md
exit $fail
