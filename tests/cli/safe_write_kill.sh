#!/usr/bin/env bash
# Killing sxs in the middle of a large in-place repair leaves every page
# either its old bytes or its new bytes, never torn; a later run finishes
# the work, and any stale temporary file (.sxs-tmp-*) is not taken for a
# page. Also: a page that cannot be replaced (read-only directory) keeps
# its old bytes and the error is reported.
set -uo pipefail
tmp=$(mktemp -d)
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
cd "$tmp"
fail() { echo "FAIL: $*" >&2; exit 1; }

pages=50
mkdir old new work
# Each page: about 300 kB of pairs whose tags are entity-escaped.
awk -v pages=$pages -v dir=old 'BEGIN {
  for (f = 0; f < pages; f++) {
    file = sprintf("%s/page%03d.md", dir, f)
    printf "# Page %d\n\n", f > file
    for (i = 0; i < 1500; i++)
      printf "<span data-ttu-id=&quot;ab%03x-%d&quot;>Texto %d de %d.</span><span class=&quot;sxs-lookup&quot;><span data-stu-id=&quot;ab%03x-%d&quot;>Text %d of %d.</span></span>\n", f, 103 + i, i, f, f, 103 + i, i, f > file
    close(file)
  }
}'
# The new bytes, made by a run that is not interrupted.
"$SXS" repair -q -o new old || fail "reference repair failed"
cmp -s old/page000.md new/page000.md && fail "repair changed nothing"

round=0
killed_midway=0
for delay in 0.05 0.2 0.5; do
  round=$((round + 1))
  rm -rf work && cp -r old work
  touch -d '2001-01-01' work/*.md
  "$SXS" repair -q --in-place work &
  pid=$!
  sleep "$delay"
  kill -9 $pid 2>/dev/null
  wait $pid 2>/dev/null
  n_old=0 n_new=0
  for f in old/*.md; do
    b=$(basename "$f")
    if cmp -s "work/$b" "$f"; then n_old=$((n_old + 1))
    elif cmp -s "work/$b" "new/$b"; then n_new=$((n_new + 1))
    else fail "round $round: work/$b is neither old nor new (torn)"
    fi
  done
  stale=$(find work -name '.sxs-tmp-*' | wc -l)
  echo "round $round (kill after ${delay}s): $n_new new, $n_old old, $stale stale temporary file(s)"
  [ $n_old -gt 0 ] && [ $n_new -gt 0 ] && killed_midway=1
  # A later run completes the work; stale temporary files are not pages.
  "$SXS" repair -q --in-place work 2>err.txt || { cat err.txt >&2; fail "round $round: second run failed"; }
  for f in new/*.md; do
    cmp -s "work/$(basename "$f")" "$f" || fail "round $round: second run did not finish $(basename "$f")"
  done
  if "$SXS" extract -f tsv work 2>&1 >/dev/null | grep -q 'sxs-tmp'; then
    fail "round $round: a temporary file was read as a page"
  fi
done
[ $killed_midway = 1 ] || echo "note: no kill landed midway on this machine"

# A page whose directory is read-only cannot be replaced: old bytes kept,
# error reported, exit 2. (root writes anyway: then skipped.)
mkdir ro && cp old/page000.md ro/ && chmod 555 ro
if ! touch ro/probe 2>/dev/null; then
  "$SXS" repair -q --in-place ro/page000.md 2>err.txt
  rc=$?
  [ $rc = 2 ] || fail "read-only: exit $rc, expected 2"
  cmp -s ro/page000.md old/page000.md || fail "read-only: page changed"
  grep -q 'ro/page000.md' err.txt || fail "read-only: no error"
else
  rm -f ro/probe
  echo "note: running as root, read-only directory not tested"
fi
echo "safe write: ok"
