#!/usr/bin/env bash
# The TBX glossary of 'sxs check --glossary' is XML from outside too: an
# XXE payload or an entity bomb never brings a local file's bytes or an
# expansion into any output, and such a glossary is refused with a
# diagnostic naming it (as merge refuses such XLIFF: see xxe_inputs.sh).
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
bomb='<!DOCTYPE xliff [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;"><!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">]>'

# A TBX glossary with the same payloads: check reports and goes on, the
# secret never shows.
for kind in internal external bomb; do
  case $kind in
    internal) prolog="<!DOCTYPE tbx [<!ENTITY leak SYSTEM \"file://$tmp/secret.txt\">]>"; term='&leak;' ;;
    external) prolog="<!DOCTYPE tbx SYSTEM \"file://$tmp/evil.dtd\">"; term='&leak;' ;;
    bomb) prolog=${bomb/xliff/tbx}; term='&i;' ;;
  esac
  cat >glossary-$kind.tbx <<TBX
<?xml version="1.0" encoding="UTF-8"?>
$prolog
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <text><body>
    <conceptEntry id="c1">
      <langSec xml:lang="en"><termSec><term>board</term></termSec></langSec>
      <langSec xml:lang="es"><termSec><term>$term</term></termSec></langSec>
    </conceptEntry>
  </body></text>
</tbx>
TBX
  timeout 60 "$SXS" check --glossary glossary-$kind.tbx p.md >tbx-$kind.out 2>tbx-$kind.err
  rc=$?
  [ $rc != 124 ] || fail "tbx $kind: check hung"
  if grep -qE 'Sanitizer|runtime error' tbx-$kind.err; then head -20 tbx-$kind.err >&2; fail "tbx $kind: sanitizer report"; fi
  if grep -q "$secret" tbx-$kind.out tbx-$kind.err; then fail "tbx $kind: the secret file leaked"; fi
  if grep -q 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' tbx-$kind.out tbx-$kind.err; then fail "tbx $kind: entities expanded"; fi
  [[ $rc =~ ^[12]$ ]] || fail "tbx $kind: check exit $rc, expected 1 or 2 (the glossary refused)"
  grep -q "glossary-$kind.tbx" tbx-$kind.err || fail "tbx $kind: no diagnostic naming the glossary"
done
[ $failures = 0 ] || exit 1
echo "xxe glossary: ok"
