#!/usr/bin/env bash
# JSON Lines (and TSV) escaping of well-formed pages goes sixteen and eight
# bytes at a time: characters to escape (quote, backslash, tab, other controls) and
# multi-byte characters are put at every offset from 0 to 40 of TARGETs of
# every length around those block sizes; Python's json module must read back
# exactly the bytes of each pair, and a page with one invalid byte (the
# checking path) must give the same text for its valid pairs.
set -uo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v python3 >/dev/null || { echo "python3 missing: skipped"; exit 77; }

python3 - "$tmp" <<'PY' || fail "could not write the pages"
import sys
out = sys.argv[1]
specials = ['"', '\\', '\t', '\x01', '\x1f', 'é', '€', '😀', 'a']
pairs = []
n = 0
for length in list(range(0, 41)) + [47, 48, 63, 64, 65, 100]:
    for offset in range(0, min(length, 40) + 1):
        for special in specials:
            text = ''.join('abcdefghijklmnopqrstuvwxyz0123456789'[i % 36]
                           for i in range(length))
            # A closing z: a backslash just before </span> would escape it.
            text = text[:offset] + special + text[offset:] + 'z'
            pairs.append(('6e1f0-%d' % n, text))
            n += 1
def page(extra):
    head = '---\ntitle: T\nms.contentlocale: es-ES\n---\n\n'
    body = ''.join(
        '<span data-ttu-id="%s">%s</span><span class="sxs-lookup">'
        '<span data-stu-id="%s">%s</span></span>\n\n' % (i, t, i, t)
        for i, t in pairs)
    return (head + body).encode() + extra
open(out + '/valid.md', 'wb').write(page(b''))
open(out + '/invalid.md', 'wb').write(page(b'Trailing \xff byte.\n'))
with open(out + '/expected.txt', 'w') as f:
    for i, t in pairs:
        f.write(repr((i, t)) + '\n')
PY
for page in valid invalid; do
  "$SXS" extract -q -f jsonl "$tmp/$page.md" >"$tmp/$page.jsonl"
  rc=$?
  # The invalid byte is an error diagnostic: exit 1, the pairs still out.
  want=0
  [ "$page" = invalid ] && want=1
  [ "$rc" = "$want" ] || fail "extract exit $rc on $page.md (expected $want)"
  python3 - "$tmp/$page.jsonl" "$tmp/expected.txt" <<'PY' || fail "$page.md: text differs"
import json, sys
got = [json.loads(line) for line in open(sys.argv[1], encoding='utf-8')]
want = [eval(line) for line in open(sys.argv[2], encoding='utf-8')]
if len(got) != len(want):
    sys.exit('%d pairs, expected %d' % (len(got), len(want)))
for g, (i, t) in zip(got, want):
    if g['id'] != i or g['target'] != t or g['source'] != t:
        sys.exit('pair %s: %r' % (i, g['target']))
PY
done
# TSV: four fields a line, \t \n \r \\ escaped, read back the same way.
"$SXS" extract -q -f tsv "$tmp/valid.md" >"$tmp/valid.tsv" || fail "extract -f tsv failed"
python3 - "$tmp/valid.tsv" "$tmp/expected.txt" <<'PY' || fail "TSV text differs"
import re, sys
unescape = {'t': '\t', 'n': '\n', 'r': '\r', '\\': '\\'}
def field(f):
    return re.sub(r'\\(.)', lambda m: unescape[m.group(1)], f)
got = [line.rstrip('\n').split('\t') for line in
       open(sys.argv[1], encoding='utf-8', newline='\n')]
want = [eval(line) for line in open(sys.argv[2], encoding='utf-8')]
if len(got) != len(want):
    sys.exit('%d TSV records, expected %d' % (len(got), len(want)))
for g, (i, t) in zip(got, want):
    if len(g) != 4 or field(g[1]) != i or field(g[2]) != t or field(g[3]) != t:
        sys.exit('TSV pair %s: %r' % (i, g))
PY
# The pairs themselves are the same whichever path wrote them.
cmp -s "$tmp/valid.jsonl" <(sed "s|$tmp/invalid.md|$tmp/valid.md|" "$tmp/invalid.jsonl") ||
  fail "the checking and the fast path disagree"
echo "ok: $(wc -l <"$tmp/valid.jsonl") pairs read back exactly"
