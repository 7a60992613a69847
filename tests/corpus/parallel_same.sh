#!/usr/bin/env bash
# Output does not depend on the number of threads: extract (jsonl, xliff),
# rebuild, check and stats give the same bytes with -j 1 and -j 3 over the
# whole corpus, and with -j 3 when the process may use one CPU only (each
# thread is kept on a CPU of its own, taken round and round from the ones
# allowed). (tests/run also runs this under ThreadSanitizer.)
set -euo pipefail
. "$(dirname "$0")/common.bash"
need_corpus es-ES it-IT
make_work_dir
tmp=$work
dirs=("$corpus/es-ES/sxs" "$corpus/it-IT/sxs")
for args in "extract -f jsonl" "extract -f xliff" "rebuild" "rebuild --side source" \
    "check --enable all --format json" "stats --format json"; do
  # check exits 1 when it reports findings: that is not a failure here.
  "$SXS" $args -j 1 "${dirs[@]}" > "$tmp/one" 2>"$tmp/err1" || [ $? = 1 ]
  "$SXS" $args -j 3 "${dirs[@]}" > "$tmp/three" 2>"$tmp/err3" || [ $? = 1 ]
  if ! cmp -s "$tmp/one" "$tmp/three"; then
    echo "FAIL: sxs $args differs between -j 1 and -j 3"; exit 1
  fi
  [ -s "$tmp/one" ] || { echo "FAIL: sxs $args wrote nothing"; exit 1; }
  cmp -s "$tmp/err1" "$tmp/err3" ||
    { echo "FAIL: sxs $args: diagnostics differ between -j 1 and -j 3"; exit 1; }
  echo "ok: sxs $args: $(wc -c < "$tmp/one") bytes, same with -j 1 and -j 3"
done

# One CPU allowed: the three threads are all placed on it.
if command -v taskset > /dev/null; then
  cpu=$(taskset -pc $$ | sed 's/.*: *//; s/[-,].*//')
  for args in "extract -f jsonl" "check --enable all --format json"; do
    "$SXS" $args -j 1 "${dirs[@]}" > "$tmp/one" 2>/dev/null || [ $? = 1 ]
    taskset -c "$cpu" "$SXS" $args -j 3 "${dirs[@]}" > "$tmp/three" 2>/dev/null || [ $? = 1 ]
    cmp -s "$tmp/one" "$tmp/three" ||
      { echo "FAIL: sxs $args -j 3 on CPU $cpu alone differs from -j 1"; exit 1; }
    echo "ok: sxs $args: -j 3 on CPU $cpu alone gives the same bytes"
  done
else
  echo "skip: no taskset: -j 3 on one CPU not tried"
fi
