#!/bin/bash
# sxs diff on two versions of a small tree: pairs added, removed, source
# changed, target changed; pages added and removed; text and jsonl.
set -u
: "${SXS:?}" "${SXS_SOURCE_DIR:?}"
cd "$SXS_SOURCE_DIR/tests/fixtures/diff" || exit 2
fail=0
check() {
  local what=$1; shift
  if ! "$@"; then echo "FAIL: $what"; fail=1; fi
}
text=$("$SXS" diff old new)
rc=$?
check "differences: exit 1 (got $rc)" [ "$rc" -eq 1 ]
check "summary" grep -q '^2 added, 2 removed, 1 source changed, 1 target changed, 1 unchanged; 3 pages differ$' <<<"$text"
check "target changed" grep -q '^new/page.md:5:[0-9]*: target changed f00d1-104$' <<<"$text"
check "target lines" grep -qzF $'    - Agregue una tarjeta.\n    + Añada una tarjeta.' <<<"$text"
check "source changed" grep -q '^new/page.md:7:1: source changed f00d1-105$' <<<"$text"
check "added" grep -q '^new/page.md:9:1: added f00d1-107$' <<<"$text"
check "removed" grep -q '^old/page.md:9:1: removed f00d1-106$' <<<"$text"
check "page added" grep -q '^new/fresh.md: page added$' <<<"$text"
check "page removed" grep -q '^old/gone.md: page removed$' <<<"$text"
jsonl=$("$SXS" diff -f jsonl old new)
check "jsonl: 6 changes" [ "$(wc -l <<<"$jsonl")" -eq 6 ]
check "jsonl: target change" grep -qF '{"change":"target_changed","old_file":"old/page.md","new_file":"new/page.md","id":"f00d1-104","old_line":5,"old_source":"Add a card.","old_target":"Agregue una tarjeta.","new_line":5,"new_source":"Add a card.","new_target":"Añada una tarjeta."}' <<<"$jsonl"
check "jsonl: page added has null old_file" grep -qF '{"change":"added","old_file":null,"new_file":"new/fresh.md","id":"f4e5a-103"' <<<"$jsonl"
# A page renumbered by an insertion at its top: pairs are matched by SOURCE
# before id, so nothing after the insertion shows as a changed SOURCE, and
# repeated sources are matched in page order.
r=../diff-renumbered
text=$("$SXS" diff $r/old.md $r/new.md)
check "renumbered: summary" grep -q '^1 added, 0 removed, 0 source changed, 2 target changed, 2 unchanged, 4 matched under another id; 1 page differs$' <<<"$text"
check "renumbered: added" grep -q "^$r/new.md:5:1: added a0b1c-101\$" <<<"$text"
check "renumbered: old id shown" grep -q "^$r/new.md:11:1: target changed a0b1c-104 (was a0b1c-103)\$" <<<"$text"
check "renumbered: the second Note matched to the second" grep -qzF $'target changed a0b1c-105 (was a0b1c-104)\n    - Nota\n    + Nota importante' <<<"$text"
jsonl=$("$SXS" diff -f jsonl $r/old.md $r/new.md)
check "renumbered: jsonl old_id" grep -qF '"id":"a0b1c-104","old_id":"a0b1c-103","old_line":9' <<<"$jsonl"
check "renumbered: jsonl has no old_id on an added pair" bash -c '! grep "\"added\"" <<<"$1" | grep -q old_id' _ "$jsonl"
# Only renumbered: nothing differs.
"$SXS" diff $r/old.md <(sed 's/a0b1c-10/a0b1c-20/g' $r/old.md) >/dev/null
rc=$?
check "renumbered only: exit 0 (got $rc)" [ "$rc" -eq 0 ]
"$SXS" diff old/page.md old/page.md >/dev/null
rc=$?
check "no difference: exit 0 (got $rc)" [ "$rc" -eq 0 ]
"$SXS" diff old old/page.md >/dev/null 2>&1
rc=$?
check "page against directory: exit 2 (got $rc)" [ "$rc" -eq 2 ]
exit $fail
