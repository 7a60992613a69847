#!/usr/bin/env bash
# Directory walks survive symbolic-link loops, dangling links, unreadable
# files and non-regular files: each gets a diagnostic naming it, the other
# pages are still processed, and the exit status is 1 or 2 (never 0, never
# a hang: every command runs under a time limit).
set -uo pipefail
tmp=$(mktemp -d)
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
cd "$tmp"
fail() { echo "FAIL: $*" >&2; exit 1; }
pair() {
  printf '<span data-ttu-id="%s">%s</span><span class="sxs-lookup"><span data-stu-id="%s">%s</span></span>\n' "$1" "$2" "$1" "$3"
}

mkdir -p tree/a/deep tree/z tree/empty  # an empty directory too
pair 9c0d1-103 Primero First >tree/a/first.md
pair 9c0d1-104 Último Last >tree/z/last.md
ln -s .. tree/a/deep/up              # a loop back to an ancestor
ln -s ../a tree/z/again              # a second way to a walked directory
ln -s nowhere.md tree/a/dangling.md  # a dangling link
mkfifo tree/a/pipe.md                # not a regular file: reading would block
mkdir tree/a/dir.md                  # a directory with a page's name
pair 9c0d1-105 Dentro Inside >tree/a/dir.md/inside.md
pair 9c0d1-106 Cerrado Closed >tree/a/locked.md
chmod 000 tree/a/locked.md
unreadable=1
if cat tree/a/locked.md >/dev/null 2>&1; then unreadable=0; fi  # root reads anyway
mkdir tree/shut && chmod 000 tree/shut
shut=1
if ls tree/shut >/dev/null 2>&1; then shut=0; fi

for cmd in "extract -f tsv" "rebuild" "repair --dry-run" "check" "stats"; do
  name=${cmd%% *}
  # shellcheck disable=SC2086
  timeout 60 "$SXS" $cmd tree >"$name.out" 2>"$name.err"
  rc=$?
  [ $rc != 124 ] || fail "$cmd: hung"
  [[ $rc =~ ^[12]$ ]] || { cat "$name.err" >&2; fail "$cmd: exit $rc, expected 1 or 2"; }
  if grep -qE 'Sanitizer|runtime error' "$name.err"; then head -20 "$name.err" >&2; fail "$cmd: sanitizer report"; fi
  grep -q 'tree/a/deep/up.*loop' "$name.err" || fail "$cmd: loop not reported"
  grep -q 'tree/a/dangling.md' "$name.err" || fail "$cmd: dangling link not reported"
  grep -q 'tree/a/pipe.md.*not a regular file' "$name.err" || fail "$cmd: FIFO not reported"
  if [ $unreadable = 1 ]; then
    grep -q 'tree/a/locked.md.*[Pp]ermission denied' "$name.err" || fail "$cmd: unreadable file not reported"
  fi
  if [ $shut = 1 ]; then
    grep -q 'tree/shut.*[Pp]ermission denied' "$name.err" || fail "$cmd: unreadable directory not reported"
  fi
done
# The pages around the trouble are all there: first, inside and last, and
# the tree reached again through tree/z/again once more.
for id in 9c0d1-103 9c0d1-104 9c0d1-105; do
  grep -q "$id" extract.out || fail "extract: $id lost"
done
grep -q 'tree/z/again/first.md' extract.out || fail "extract: linked directory not walked"
# The walk goes along with the work: its trouble is reported in walk order,
# ahead of the page after it, the same with one thread or three.
for j in 1 3; do
  timeout 60 "$SXS" extract -j $j -f tsv tree >"extract-j$j.out" 2>"extract-j$j.err"
done
cmp -s extract-j1.out extract-j3.out || fail "extract output differs between -j 1 and -j 3"
cmp -s extract-j1.err extract-j3.err || fail "walk messages differ between -j 1 and -j 3"
loop_line=$(grep -n 'tree/a/deep/up.*loop' extract-j1.err | cut -d: -f1 | head -n 1)
fifo_line=$(grep -n 'tree/a/pipe.md' extract-j1.err | cut -d: -f1 | head -n 1)
[ -n "$loop_line" ] && [ -n "$fifo_line" ] && [ "$loop_line" -lt "$fifo_line" ] ||
  fail "walk messages out of walk order (deep/up must come before pipe.md)"
[ $unreadable = 1 ] || echo "note: running as root, unreadable files are readable: not tested"
echo "walk errors: ok"
