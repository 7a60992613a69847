#!/bin/bash
# sxs check on the published corpora: at most 50 pairs per 1000 flagged at
# error or warning, and the real defects of FORMAT.md section 5 found.
set -u
. "$(dirname "$0")/common.bash"
need_corpus es-ES
C=$corpus
make_work_dir
T=$work
fail=0
for loc in es-ES it-IT; do
  (cd "$C" && "$SXS" check -f json "$loc/sxs") > "$T/$loc.jsonl"
  rc=$?
  [ $rc -le 1 ] || { echo "FAIL: $loc exit $rc"; fail=1; }
  pairs=$( (cd "$C" && "$SXS" check --enable pair "$loc/sxs") | sed -n 's/^sxs check: \([0-9]*\) pairs.*/\1/p')
  python3 - "$T/$loc.jsonl" "$pairs" "$loc" <<'PY' || fail=1
import json, sys, collections
path, pairs, loc = sys.argv[1], int(sys.argv[2]), sys.argv[3]
flagged, per = set(), collections.Counter()
found = collections.Counter()
for line in open(path):
    f = json.loads(line)
    if f["severity"] in ("error", "warning"):
        flagged.add((f["file"], f["line"], f["column"], f["id"]))
        per[f["check"]] += 1
    found[f["check"]] += 1
rate = 1000 * len(flagged) / pairs
print(f"{loc}: {pairs} pairs, {len(flagged)} flagged, {rate:.1f} per 1000")
for check, n in per.most_common():
    print(f"  {check:24} {n:5} {1000*n/pairs:6.2f}/1000")
ok = rate <= 50
for must in ("link-empty-text", "emphasis-count", "consistency-source"):
    if not found[must]:
        print(f"FAIL: {loc}: no {must} finding"); ok = False
if not ok or rate > 50:
    print("FAIL: too noisy or defects missed"); sys.exit(1)
PY
done
# Pages are checked in parallel: the output must not depend on -j,
# consistency over the corpus included.
for loc in es-ES it-IT; do
  (cd "$C" && "$SXS" check --enable all -f json -j 1 "$loc/sxs") > "$T/j1.jsonl"
  (cd "$C" && "$SXS" check --enable all -f json -j 2 "$loc/sxs") > "$T/j2.jsonl"
  (cd "$C" && "$SXS" check --enable all -f json -j 5 "$loc/sxs") > "$T/j5.jsonl"
  [ -s "$T/j1.jsonl" ] && cmp -s "$T/j1.jsonl" "$T/j2.jsonl" &&
    cmp -s "$T/j1.jsonl" "$T/j5.jsonl" ||
    { echo "FAIL: $loc: -j 1, -j 2 and -j 5 give different findings"; fail=1; }
done
# Consistency is per target locale: checking es-ES and it-IT together gives,
# for each locale, the consistency findings of checking it alone (not
# Spanish translations compared with Italian ones).
(cd "$C" && "$SXS" check --enable consistency -f json es-ES/sxs it-IT/sxs) > "$T/both.jsonl"
for loc in es-ES it-IT; do
  (cd "$C" && "$SXS" check --enable consistency -f json "$loc/sxs") > "$T/alone.jsonl"
  grep -F "{\"file\":\"$loc/" "$T/both.jsonl" > "$T/both-$loc.jsonl"
  [ -s "$T/alone.jsonl" ] && cmp -s "$T/alone.jsonl" "$T/both-$loc.jsonl" ||
    { echo "FAIL: $loc: consistency checked with the other locale differs from $loc alone"; fail=1; }
done
cat "$T/both-es-ES.jsonl" "$T/both-it-IT.jsonl" | cmp -s - "$T/both.jsonl" ||
  { echo "FAIL: findings outside es-ES/ and it-IT/ in the combined run"; fail=1; }
# The consistency findings of the two trees, as the first implementation
# (every pair kept in memory, grouped at the end) found them: the interned
# store and the log of pairs that replaced it must find the same. Each
# departing pair is a warning; the others, and the target side, are info.
counts=$(python3 -c '
import collections, json, sys
c = collections.Counter()
for line in open(sys.argv[1]):
    f = json.loads(line)
    if f["check"].startswith("consistency"):
        c[f["check"] + "/" + f["severity"]] += 1
print(" ".join(f"{k}={c[k]}" for k in sorted(c)))' "$T/both.jsonl")
expect="consistency-source/info=3684 consistency-source/warning=589 consistency-target/info=802"
[ "$counts" = "$expect" ] ||
  { echo "FAIL: consistency findings: $counts (expected $expect)"; fail=1; }
grep -q '"check":"code-glued".*Bearer <token>' "$T/es-ES.jsonl" || { echo "FAIL: glued code not found"; fail=1; }
grep -q "source 'Capabilities' translated as 'Capacidades'" "$T/es-ES.jsonl" || { echo "FAIL: Capabilities variants not found"; fail=1; }
exit $fail
