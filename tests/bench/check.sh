#!/bin/bash
# Benchmark: sxs check (all checks, consistency over the corpus included)
# against pofilter (translate-toolkit) on the same pairs:
# $SXS_SHARED/corpus/partner-center/es-ES/sxs, fed to pofilter as
# `sxs extract -f po`. Prints the medians, the MB/s of sxs check with the
# default -j (one thread per core) and with -j 1, and the pofilter ratio.
# Usage: SXS=build/sxs SXS_SHARED=../shared tests/bench/check.sh [RUNS]
set -eu
RUNS=${1:-5}
SXS=${SXS:-build/sxs}
DIR="${SXS_SHARED:-../shared}/corpus/partner-center/es-ES/sxs"
[ -d "$DIR" ] || { echo "no corpus at $DIR"; exit 77; }
command -v pofilter >/dev/null || { echo "pofilter not installed"; exit 77; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
"$SXS" extract -f po -o "$T/es.po" "$DIR" 2>/dev/null ||
  "$SXS" extract -f po "$DIR" > "$T/es.po"
bytes=$(find "$DIR" -name '*.md' -exec cat {} + | wc -c)
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
time_runs() { # command..., prints one wall time (s) per run
  "$@" > /dev/null 2>&1 || true # warm the page cache
  for _ in $(seq "$RUNS"); do
    local s e
    s=$(date +%s.%N); "$@" > /dev/null 2>&1 || true; e=$(date +%s.%N)
    echo "$e - $s" | bc -l
  done
}
sxs_t=$(time_runs "$SXS" check --enable all "$DIR" | median)
sxs1_t=$(time_runs "$SXS" check --enable all -j 1 "$DIR" | median)
po_runs=$(( RUNS < 3 ? RUNS : 3 ))
po_t=$(RUNS=$po_runs; time_runs pofilter --progress=none "$T/es.po" "$T/out.po" | median)
mbs() { echo "$bytes / $1 / 1000000" | bc -l; }
printf 'corpus        : %d bytes, %d cores\n' "$bytes" "$(nproc)"
printf 'sxs check     : %.3f s median of %d (%.1f MB/s), -j default\n' "$sxs_t" "$RUNS" "$(mbs "$sxs_t")"
printf 'sxs check -j 1: %.3f s median of %d (%.1f MB/s)\n' "$sxs1_t" "$RUNS" "$(mbs "$sxs1_t")"
printf 'pofilter      : %.3f s median of %d\n' "$po_t" "$po_runs"
printf 'ratio         : %.0fx faster than pofilter (-j default), %.0fx (-j 1)\n' \
  "$(echo "$po_t / $sxs_t" | bc -l)" "$(echo "$po_t / $sxs1_t" | bc -l)"
printf 'threads       : %.2fx (-j 1 / -j default)\n' "$(echo "$sxs1_t / $sxs_t" | bc -l)"
