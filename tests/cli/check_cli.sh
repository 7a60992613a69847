#!/bin/bash
# sxs check on small fixtures: findings, formats, options, baseline, exits.
set -u
F="$SXS_SOURCE_DIR/tests/fixtures/check"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
expect() { # expect DESCRIPTION COMMAND...
  local what=$1; shift
  if ! "$@"; then echo "FAIL: $what"; fail=1; fi
}
cd "$F/.." || exit 2   # paths as walked: check/...

"$SXS" check check/es-ES > "$T/out.txt"; rc=$?
expect "defects exit 1" test $rc -eq 1
expect "gcc-style line" grep -q '^check/es-ES/defects.md:8:1: error: empty link text .* \[link-empty-text\]$' "$T/out.txt"
expect "glued code found" grep -q 'defects.md:10:5: warning: .*\[code-glued\]' "$T/out.txt"
expect "number found" grep -q 'missing in the target: 90 \[number-missing\]' "$T/out.txt"
expect "untranslated found" grep -q 'defects.md:11:5: .*\[untranslated\]' "$T/out.txt"
expect "no false emphasis" sh -c "! grep -q 'defects.md:12:.*emphasis' '$T/out.txt'"
expect "summary line" grep -q '^sxs check: 6 pairs in 1 file: 1 error, 3 warnings, 0 info$' "$T/out.txt"

"$SXS" check check/clean > "$T/clean.txt"; expect "clean exit 0" test $? -eq 0

# --fail-on warning makes warnings fail; --disable/--severity silence.
"$SXS" check --disable link check/es-ES > /dev/null; expect "warnings do not fail by default" test $? -eq 0
"$SXS" check --disable link --fail-on warning check/es-ES > /dev/null; expect "--fail-on warning" test $? -eq 1
"$SXS" check --severity link-empty-text=info check/es-ES > "$T/sev.txt"; rc=$?
expect "--severity lowers" test $rc -eq 0
expect "--severity shown" grep -q 'info: empty link text' "$T/sev.txt"
"$SXS" check --enable untranslated check/es-ES > "$T/en.txt"
expect "--enable only" test "$(grep -c '\[' "$T/en.txt")" -eq 1

# Locale metadata: folder it-IT with ms.contentlocale es-ES; --locale.
"$SXS" check check/it-IT > "$T/loc.txt"
expect "folder mismatch" grep -q 'wrong-locale.md:3:1: error: .*folder is .it-IT. \[locale-mismatch\]' "$T/loc.txt"
"$SXS" check --locale fr-FR check/clean > "$T/loc2.txt"
expect "--locale mismatch" grep -q "ms.contentlocale is 'es-ES', --locale is 'fr-FR'" "$T/loc2.txt"

# JSON Lines: every line an object with the keys of the spec.
"$SXS" check -f json check/es-ES > "$T/out.jsonl"
expect "json keys" python3 -c '
import json,sys
keys={"file","line","column","id","check","severity","message","source","target"}
n=0
for l in open(sys.argv[1]):
    d=json.loads(l); n+=1
    assert set(d)==keys, d.keys()
    assert d["id"].startswith("1a2b3-"), d
assert n==4, n
' "$T/out.jsonl"

# SARIF 2.1.0 with rules and results.
"$SXS" check -f sarif check/es-ES > "$T/out.sarif"
expect "sarif shape" python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
assert d["version"]=="2.1.0"
run=d["runs"][0]
rules=run["tool"]["driver"]["rules"]
assert all("id" in r and "shortDescription" in r and r["defaultConfiguration"]["level"] in ("error","warning","note") for r in rules)
ids={r["id"] for r in rules}
res=run["results"]
assert len(res)==4
for r in res:
    assert r["ruleId"] in ids and r["level"] in ("error","warning","note")
    loc=r["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"]=="check/es-ES/defects.md"
    assert loc["region"]["startLine"]>=1 and loc["region"]["startColumn"]>=1
    assert r["message"]["text"]
' "$T/out.sarif"

# JUnit: a testsuite per page, a testcase per pair with findings.
"$SXS" check -f junit check > "$T/out.xml"
expect "junit well-formed" xmllint --noout "$T/out.xml"
expect "junit suites" test "$(xmllint --xpath 'count(//testsuite)' "$T/out.xml")" = 3
expect "junit cases" test "$(xmllint --xpath 'count(//testsuite[@name="check/es-ES/defects.md"]/testcase)' "$T/out.xml")" = 4

# Baseline: adopted findings no longer count; a new one does.
"$SXS" check --write-baseline "$T/base.txt" check/es-ES > /dev/null
expect "baseline lines" test "$(grep -vc '^#' "$T/base.txt")" -eq 4
"$SXS" check --baseline "$T/base.txt" check/es-ES > "$T/b.txt"; rc=$?
expect "baseline silences" test $rc -eq 0
expect "baseline summary" grep -q '(4 more in the baseline)' "$T/b.txt"
# Shift every line down: the fingerprints must still match.
mkdir -p "$T/check/es-ES"
{ head -5 check/es-ES/defects.md; printf '\n\n'; tail -n +6 check/es-ES/defects.md; } > "$T/check/es-ES/defects.md"
(cd "$T" && "$SXS" check --baseline "$T/base.txt" check/es-ES > /dev/null); expect "baseline survives moved lines" test $? -eq 0
printf 'not a baseline\n' > "$T/bad.txt"
"$SXS" check --baseline "$T/bad.txt" check/es-ES > /dev/null 2>&1; expect "bad baseline exit 2" test $? -eq 2

# Glossary: TBX; CSV with a bad line is an error.
"$SXS" check --glossary check/glossary.tbx check/clean > "$T/g.txt"
expect "tbx term" grep -q "glossary: 'users' should be translated as 'clientes'" "$T/g.txt"
printf 'term,translation\nonlyoneField\n' > "$T/bad.csv"
"$SXS" check --glossary "$T/bad.csv" check/clean > /dev/null 2> "$T/err.txt"; rc=$?
expect "bad csv exit 2" test $rc -eq 2
expect "bad csv says where" grep -q 'bad.csv:2:' "$T/err.txt"
# A TBX glossary never has its DTD loaded nor its entities expanded. A
# DOCTYPE naming an external DTD (as TBX 2008 files do) is read without it;
# one whose entities only that DTD could define is refused (exit 2) with its
# line and column, and so is an internal subset.
sed '1a <!DOCTYPE tbx SYSTEM "tbx.dtd">' check/glossary.tbx > "$T/ext.tbx"
"$SXS" check --glossary "$T/ext.tbx" check/clean > "$T/o.txt" 2> "$T/err.txt"; rc=$?
expect "tbx external DTD read without it" test $rc -eq 0
expect "tbx external DTD: no complaint" test ! -s "$T/err.txt"
sed '1a <!DOCTYPE tbx SYSTEM "tbx.dtd">' check/glossary.tbx |
  sed 's|<term>clientes</term>|<term>\&users;</term>|' > "$T/extref.tbx"
"$SXS" check --glossary "$T/extref.tbx" check/clean > "$T/o.txt" 2> "$T/err.txt"; rc=$?
expect "tbx entity from external DTD exit 2" test $rc -eq 2
expect "tbx entity from external DTD says where" grep -q "^$T/extref.tbx:2:1: error: .*'&users;'.*\[unreadable-glossary\]\$" "$T/err.txt"
expect "tbx refused: no findings" test ! -s "$T/o.txt"
sed '1a <!DOCTYPE tbx [\n<!ENTITY users "clientes">]>' check/glossary.tbx |
  sed 's|<term>clientes</term>|<term>\&users;</term>|' > "$T/int.tbx"
"$SXS" check --glossary "$T/int.tbx" check/clean > /dev/null 2> "$T/err.txt"; rc=$?
expect "tbx internal subset exit 2" test $rc -eq 2
expect "tbx internal subset says where" grep -q "^$T/int.tbx:2:15: error: .*\[unreadable-glossary\]\$" "$T/err.txt"
sed '1a <!-- no DTD -->\n<!DOCTYPE tbx>' check/glossary.tbx > "$T/bare.tbx"
"$SXS" check --glossary "$T/bare.tbx" check/clean > "$T/g.txt"
expect "tbx bare DOCTYPE accepted" grep -q "glossary: 'users' should be translated as 'clientes'" "$T/g.txt"

# Usage and I/O trouble: exit 2.
"$SXS" check -f xml check/clean > /dev/null 2>&1; expect "bad format exit 2" test $? -eq 2
"$SXS" check --disable nosuch check/clean > /dev/null 2>&1; expect "bad check exit 2" test $? -eq 2
"$SXS" check check/missing-dir > /dev/null 2>&1; expect "missing path exit 2" test $? -eq 2
"$SXS" check --list | grep -q '^consistency-source ' ; expect "--list" test $? -eq 0
# -j: the same output whatever the number of threads; a negative count is
# a usage error.
"$SXS" check --enable all -j 1 check > "$T/j1.txt"; rc1=$?
"$SXS" check --enable all -j 3 check > "$T/j3.txt"; rc3=$?
expect "-j 1 and -j 3 same output" cmp -s "$T/j1.txt" "$T/j3.txt"
expect "-j 1 and -j 3 same exit" test $rc1 -eq $rc3
expect "-j output not empty" grep -q '^sxs check: [1-9][0-9]* pairs in [2-9] files' "$T/j1.txt"
"$SXS" check -j -1 check > /dev/null 2>&1; expect "-j -1 is a usage error" test $? -eq 2

exit $fail
