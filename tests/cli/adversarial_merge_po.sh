#!/usr/bin/env bash
# A translation file found by the po fuzz target
# (tests/fuzz/regressions/merge-po-breaks-pair.po): its TARGET for
# 1a2b3-104 mixes unbalanced backtick runs with "</span>". Merge must refuse
# it or keep the page whole: the merged page has as many pairs as before
# and no error.
set -uo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
fail() { echo "FAIL: $*" >&2; exit 1; }
printf -- '---\ntitle: T\nms.contentlocale: es-ES\n---\n# <span data-ttu-id="1a2b3-103">Hola</span><span class="sxs-lookup"><span data-stu-id="1a2b3-103">Hello</span></span>\n\n* <span data-ttu-id="1a2b3-104">Uno `x` **dos**.</span><span class="sxs-lookup"><span data-stu-id="1a2b3-104">One `x` **two**.</span></span>\n' >p.md
"$SXS" merge -q -t "$SXS_SOURCE_DIR/tests/fuzz/regressions/merge-po-breaks-pair.po" -o out p.md >merge.out 2>merge.err
rc=$?
[[ $rc =~ ^[012]$ ]] || fail "merge exit $rc"
if grep -qE 'Sanitizer|runtime error' merge.err; then fail "sanitizer report"; fi
# A msgid made of NUL bytes (tests/fuzz/regressions/merge-po-nul-msgid.po,
# po fuzz target) reaches merge as an empty SOURCE.
"$SXS" merge -q -t "$SXS_SOURCE_DIR/tests/fuzz/regressions/merge-po-nul-msgid.po" --dry-run p.md >nul.out 2>nul.err
rc=$?
[[ $rc =~ ^[012]$ ]] || fail "merge (NUL msgid) exit $rc"
if grep -qE 'Sanitizer|runtime error' nul.err; then fail "sanitizer report (NUL msgid)"; fi
[ -f out/p.md ] || exit 0
"$SXS" extract -f tsv out/p.md >pairs.tsv 2>diag.txt
[ ! -s diag.txt ] || { cat diag.txt >&2; fail "merged page is damaged"; }
[ "$(wc -l <pairs.tsv)" = 2 ] || fail "merged page lost a pair"
echo "merge of a hostile PO: ok"
