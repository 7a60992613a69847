#!/usr/bin/env bash
# Hostile text in pairs ("]]>", "</target>", "<script>", quotes and
# backslashes, control characters, invalid UTF-8, an encoded surrogate,
# U+2028) and a hostile file name: every output format stays valid (JSON
# Lines, XML, PO) and keeps the text that it can carry; the bytes it cannot
# carry get a diagnostic.
set -uo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
fail() { echo "FAIL: $*" >&2; exit 1; }
json_validate="$SXS_TEST_TOOLS/json_validate"
[ -x "$json_validate" ] || { echo "json_validate not built: skipped"; exit 77; }
command -v xmllint >/dev/null || { echo "xmllint missing: skipped"; exit 77; }

P() { printf '<span data-ttu-id="%s">%b</span><span class="sxs-lookup"><span data-stu-id="%s">%b</span></span>\n\n' "$1" "$2" "$1" "$3"; }
mkdir pages
page='pages/a&<b>"c]]>.md'
{
  printf -- '---\ntitle: Hostil\nms.contentlocale: es-ES\n---\n\n'
  P 6e1f0-103 'Fin ]]> de CDATA' 'End ]]> of CDATA'
  P 6e1f0-104 'Cierra </target></unit></xliff> aquí' 'Closes </target></unit></xliff> here'
  P 6e1f0-105 '<script>alert("x")</script> y \\\\ "comillas"' '<script>alert("x")</script> and \\\\ "quotes"'
  P 6e1f0-106 'Control \x01\x1b\x7f aquí' 'Control \x01\x1b\x7f here'
  P 6e1f0-107 'Malo \xff\xfe aquí' 'Bad \xff\xfe here'
  P 6e1f0-108 'Surrogado \xed\xa0\x80 aquí' 'Surrogate \xed\xa0\x80 here'
  P 6e1f0-109 'Separador \xe2\x80\xa8 línea' 'Line \xe2\x80\xa8 separator'
  P 6e1f0-110 'Entidad &amp; &lt;b&gt; &#0; &#xD800;' 'Entity &amp; &lt;b&gt; &#0; &#xD800;'
} >"$page"

check_sanitizer() {
  if grep -qE 'Sanitizer|runtime error' "$1"; then head -20 "$1" >&2; fail "$2: sanitizer report"; fi
}

# JSON Lines: valid, the hostile text kept, control characters escaped.
"$SXS" extract -f jsonl pages >out.jsonl 2>err.txt
rc=$?
[ $rc = 1 ] || fail "jsonl: exit $rc, expected 1 (invalid UTF-8 reported)"
check_sanitizer err.txt jsonl
"$json_validate" out.jsonl || fail "jsonl output is not valid JSON Lines"
[ "$(wc -l <out.jsonl)" = 8 ] || fail "jsonl: pairs lost"
grep -qF '"target":"Fin ]]> de CDATA"' out.jsonl || fail "jsonl: ]]> text"
grep -qF '"target":"<script>alert(\"x\")</script> y \\\\ \"comillas\""' out.jsonl || fail "jsonl: script text"
grep -qiF 'Control \u0001\u001b' out.jsonl || fail "jsonl: control characters not escaped"
grep -qF '"file":"pages/a&<b>\"c]]>.md"' out.jsonl || fail "jsonl: file name"
grep -q 'invalid-utf8' err.txt || fail "jsonl: invalid UTF-8 not reported"

# XML formats: well-formed, ]]> and </target> kept as text.
for fmt in xliff tmx; do
  "$SXS" extract -q -f "$fmt" -o "out.$fmt" pages 2>err.txt
  rc=$?
  [[ $rc =~ ^[01]$ ]] || fail "$fmt: exit $rc"
  check_sanitizer err.txt "$fmt"
  xmllint --noout --nonet "out.$fmt" || fail "$fmt output is not well-formed XML"
  grep -q 'replaced-bytes' err.txt || fail "$fmt: replaced bytes not reported"
done
[ "$(xmllint --xpath 'string((//*[local-name()="target"])[1])' out.xliff)" = 'Fin ]]> de CDATA' ] \
  || fail "xliff: ]]> text changed"
[ "$(xmllint --xpath 'string((//*[local-name()="target"])[2])' out.xliff)" = 'Cierra </target></unit></xliff> aquí' ] \
  || fail "xliff: </target> text changed"
[ "$(xmllint --xpath 'count(//*[local-name()="unit"])' out.xliff)" = 8 ] || fail "xliff: units lost"
xsd="${SXS_SHARED:-}/schemas/xliff/xliff_core_2.0.xsd"
if [ -f "$xsd" ]; then
  xmllint --noout --nonet --schema "$xsd" out.xliff 2>xsd.txt || { cat xsd.txt >&2; fail "xliff: not valid against the XSD"; }
fi

# PO: msgfmt accepts it.
"$SXS" extract -q -f po -o out.po pages 2>err.txt
check_sanitizer err.txt po
if command -v msgfmt >/dev/null; then
  msgfmt --check -o /dev/null out.po || fail "po output rejected by msgfmt"
fi

# check reports: JSON Lines and SARIF (one document) valid, JUnit
# well-formed XML.
"$SXS" check --format json pages >check.json 2>err.txt
check_sanitizer err.txt "check json"
"$json_validate" check.json || fail "check --format json is not valid JSON Lines"
"$SXS" check --format sarif pages >check.sarif 2>err.txt
check_sanitizer err.txt "check sarif"
tr -d '\n' <check.sarif >check1.sarif && echo >>check1.sarif
"$json_validate" check1.sarif || fail "check --format sarif is not valid JSON"
"$SXS" check --format junit pages >check.junit 2>err.txt
check_sanitizer err.txt "check junit"
xmllint --noout --nonet check.junit || fail "check --format junit is not well-formed XML"
# Text diagnostics put the file name as it is and one diagnostic a line.
"$SXS" check pages >check.txt 2>&1
check_sanitizer check.txt "check text"
echo "escaping: ok"
