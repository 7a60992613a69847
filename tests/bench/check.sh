#!/bin/bash
# Benchmark: sxs check (all checks) against pofilter (translate-toolkit) on
# the same pairs: $SXS_SHARED/corpus/partner-center/es-ES/sxs, fed to
# pofilter as `sxs extract -f po`. Prints the medians and the ratio.
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
bytes=$(cat $(find "$DIR" -name '*.md') | wc -c)
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
time_runs() { # command..., prints one wall time (s) per run
  for _ in $(seq "$RUNS"); do
    local s e
    s=$(date +%s.%N); "$@" > /dev/null 2>&1 || true; e=$(date +%s.%N)
    echo "$e - $s" | bc -l
  done
}
sxs_t=$(time_runs "$SXS" check --enable all "$DIR" | median)
po_runs=$(( RUNS < 3 ? RUNS : 3 ))
po_t=$(RUNS=$po_runs; time_runs pofilter --progress=none "$T/es.po" "$T/out.po" | median)
printf 'sxs check : %.3f s median of %d (%.1f MB/s)\n' "$sxs_t" "$RUNS" "$(echo "$bytes / $sxs_t / 1000000" | bc -l)"
printf 'pofilter  : %.3f s median of %d\n' "$po_t" "$po_runs"
printf 'ratio     : %.0fx faster\n' "$(echo "$po_t / $sxs_t" | bc -l)"
