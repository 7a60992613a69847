#!/usr/bin/env bash
# XML from outside (merge's XLIFF and TMX; the TBX glossary is in
# xxe_glossary.sh) is read
# without DTD loading, external entities, XInclude or network, with bounded
# depth: an XXE payload never brings a local file's bytes into a page or
# any output, entity bombs do not expand, and each such file gets a
# diagnostic and a non-zero exit.
set -uo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
failures=0
secret="SECRET-$$-$RANDOM-do-not-leak"
echo "$secret" >secret.txt
printf '<!ENTITY leak SYSTEM "file://%s/secret.txt">\n' "$tmp" >evil.dtd

cp "$SXS_SOURCE_DIR/tests/fixtures/merge/es-ES/intro.md" p.md
cp p.md p.orig
"$SXS" extract -q -f xliff -o good.xlf p.md || { echo "extract failed"; exit 1; }
"$SXS" extract -q -f tmx -o good.tmx p.md || { echo "extract failed"; exit 1; }

# xliff_with PROLOG TARGET-TEXT: good.xlf with a prolog after the XML
# declaration and the first <target> holding TARGET-TEXT.
xliff_with() {
  awk -v prolog="$1" -v target="$2" '
    NR == 1 { print; if (prolog != "") print prolog; next }
    !done && /<target>/ { sub(/<target>[^<]*<\/target>/, "<target>" target "</target>"); done = 1 }
    { print }' good.xlf
}

# run_merge NAME FILE: merge must not succeed silently, must not leak.
run_merge() {
  local name=$1 file=$2
  timeout 60 "$SXS" merge -t "$file" --in-place p.md >"$name.out" 2>"$name.err"
  local rc=$?
  [ $rc != 124 ] || fail "$name: merge hung"
  [[ $rc =~ ^[12]$ ]] || fail "$name: merge exit $rc, expected 1 or 2"
  if grep -qE 'Sanitizer|runtime error' "$name.err"; then head -20 "$name.err" >&2; fail "$name: sanitizer report"; fi
  if grep -q "$secret" "$name.out" "$name.err" p.md; then fail "$name: the secret file leaked"; fi
  grep -q "$file" "$name.err" || fail "$name: no diagnostic naming $file"
  cmp -s p.md p.orig || { fail "$name: page changed"; cp p.orig p.md; }
}

# 1. Classic XXE in the internal subset.
xliff_with "<!DOCTYPE xliff [<!ENTITY leak SYSTEM \"file://$tmp/secret.txt\">]>" '&leak;' >xxe-internal.xlf
run_merge xxe-internal xxe-internal.xlf
# 2. An external DTD that declares the entity: must not be loaded.
xliff_with "<!DOCTYPE xliff SYSTEM \"file://$tmp/evil.dtd\">" '&leak;' >xxe-external.xlf
run_merge xxe-external xxe-external.xlf
# 3. A parameter entity pulling the DTD in.
xliff_with "<!DOCTYPE xliff [<!ENTITY % dtd SYSTEM \"file://$tmp/evil.dtd\"> %dtd;]>" '&leak;' >xxe-param.xlf
run_merge xxe-param xxe-param.xlf
# 4. XInclude of the secret as text.
xliff_with "" "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"file://$tmp/secret.txt\" parse=\"text\"/>" >xinclude.xlf
run_merge xinclude xinclude.xlf
# 5. An entity bomb (a billion laughs).
bomb='<!DOCTYPE xliff [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;"><!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">]>'
xliff_with "$bomb" '&i;' >bomb.xlf
run_merge bomb bomb.xlf
# 6. Elements nested 100,000 deep inside a target.
awk '!done && /<target>/ {
       sub(/<target>[^<]*<\/target>/, "");
       printf "<target>"; for (i = 0; i < 100000; i++) printf "<pc id=\"x\">"
       printf "x"; for (i = 0; i < 100000; i++) printf "</pc>"
       printf "</target>"; done = 1 }
     { print }' good.xlf >deep.xlf
run_merge deep deep.xlf
# 7. TMX: its usual DOCTYPE names tmx14.dtd, absent here; it must not be
# needed (merge works), while an internal subset with an entity is refused.
timeout 60 "$SXS" merge -t good.tmx --dry-run p.md >tmx.out 2>tmx.err
rc=$?
[[ $rc =~ ^[01]$ ]] || { cat tmx.err >&2; fail "tmx with a DOCTYPE: merge exit $rc"; }
sed "2s|.*|<!DOCTYPE tmx [<!ENTITY leak SYSTEM \"file://$tmp/secret.txt\">]>|" good.tmx |
  sed '0,/<seg>Tableros<\/seg>/s//<seg>\&leak;<\/seg>/' >xxe.tmx
run_merge xxe-tmx xxe.tmx

[ $failures = 0 ] || exit 1
echo "xxe: ok"
