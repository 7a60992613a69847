#!/usr/bin/env bash
# sxs repair on damaged pages written from FORMAT.md section 5: every sure
# change made and listed as FILE:LINE:COL: BEFORE -> AFTER, the result parses
# with every pair and no diagnostic, undamaged pages stay byte for byte, and
# doubtful damage is reported and left alone.
set -euo pipefail
fx="$SXS_SOURCE_DIR/tests/fixtures/repair"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
cp "$fx"/*.md "$tmp/"
cd "$tmp"

# A region escaped from one pair on: all 15 tags restored, text quotes kept.
"$SXS" repair escaped-region.md >out.md 2>changes.txt || fail "repair exit $?"
cmp out.md escaped-region.expected.md || fail "escaped-region: wrong result"
[ "$(grep -c ' → ' changes.txt)" = 15 ] || fail "escaped-region: not 15 changes"
grep -qx 'escaped-region.md:9:151: <span data-ttu-id=&quot;4c1d0-105&quot;> → <span data-ttu-id="4c1d0-105">' changes.txt \
  || fail "escaped-region: change line"
"$SXS" extract -f tsv out.md >pairs.tsv 2>diag.txt || fail "repaired page has errors"
[ ! -s diag.txt ] || fail "repaired page has diagnostics: $(cat diag.txt)"
[ "$(wc -l <pairs.tsv)" = "$("$SXS" extract -f tsv clean.md | wc -l)" ] || fail "pair count"
# Before repair the damaged pairs are missing and reported.
if "$SXS" extract -f tsv escaped-region.md >/dev/null 2>diag.txt; then fail "damage not reported"; fi
grep -q escaped-markup diag.txt || fail "no escaped-markup diagnostic"

# One quote of two escaped; an escaped closing quote pushed into the text.
"$SXS" repair -q partial-quotes.md >out.md || fail "partial: exit $?"
cmp out.md partial-quotes.expected.md || fail "partial-quotes: wrong result"
"$SXS" extract -f tsv out.md >pairs.tsv 2>diag.txt || fail "partial: errors left"
[ "$(wc -l <pairs.tsv)" = 4 ] || fail "partial: expected 4 pairs"

# Doubtful damage: reported, exit 1, bytes unchanged.
set +e
"$SXS" repair doubtful.md >out.md 2>changes.txt
rc=$?
set -e
[ $rc = 1 ] || fail "doubtful: exit $rc, expected 1"
cmp out.md doubtful.md || fail "doubtful: page changed"
[ "$(grep -c 'repair-doubt' changes.txt)" = 3 ] || fail "doubtful: expected 3 doubts"
grep -q '^doubtful.md:7:1: warning: ' changes.txt || fail "doubtful: position"

# Undamaged page, with text &quot; that must stay: byte for byte, and
# --in-place does not even touch the file.
"$SXS" repair clean.md >out.md 2>/dev/null
cmp out.md clean.md || fail "clean page changed"
touch -d '2001-01-01' clean.md
"$SXS" repair --in-place clean.md 2>/dev/null
[ "$(stat -c %Y clean.md)" = "$(date -d 2001-01-01 +%s)" ] || fail "clean page rewritten"

# --in-place on a directory: damaged pages rewritten, the rest untouched.
mkdir -p tree/sub && cp escaped-region.md tree/sub/a.md && cp clean.md tree/b.md
cp partial-quotes.md tree/c.md
"$SXS" repair --in-place tree >listed.txt 2>/dev/null
cmp tree/sub/a.md escaped-region.expected.md || fail "in-place a.md"
cmp tree/b.md clean.md || fail "in-place b.md"
cmp tree/c.md partial-quotes.expected.md || fail "in-place c.md"
grep -q '^tree/sub/a.md:9:151: ' listed.txt || fail "in-place listing"
[ -z "$(find tree -name '.sxs-tmp-*')" ] || fail "temporary file left"
# A second run finds nothing to do.
"$SXS" repair --dry-run tree >listed.txt 2>/dev/null
[ ! -s listed.txt ] || fail "second run changes again"

# -o into a directory mirrors the tree.
"$SXS" repair -q -o mirror escaped-region.md partial-quotes.md
cmp mirror/escaped-region.md escaped-region.expected.md || fail "-o mirror"
# Options exclude each other.
set +e
"$SXS" repair --in-place -o x clean.md 2>/dev/null; rc=$?
set -e
[ $rc = 2 ] || fail "--in-place with -o: exit $rc"
echo "repair fixtures: ok"
