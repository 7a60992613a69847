#!/usr/bin/env bash
# Runs one libFuzzer target for a while on one core.
# Usage: tests/fuzz/run.sh TARGET SECONDS [libFuzzer options...]
#   TARGET: page, check, xliff, po, tmx, tbx, merge, repair, or "all"
#   (all: every target, SECONDS each).
# Builds the targets (tests/fuzz/build.sh) and the seed corpus into
# $SXS_FUZZ_DIR (default build-fuzz); new inputs found go to
# $SXS_FUZZ_DIR/corpus/TARGET, crashes to $SXS_FUZZ_DIR/artifacts/.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
target=${1:?usage: run.sh TARGET SECONDS}
seconds=${2:?usage: run.sh TARGET SECONDS}
shift 2
dir=${SXS_FUZZ_DIR:-$src/build-fuzz}

"$here/build.sh" "$dir" >/dev/null
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$here/lsan.supp}
sxs=""
for b in "$src/build/sxs" "$src"/build-*/sxs; do
  if [ -x "$b" ]; then sxs=$b; break; fi
done
[ -d "$dir/seeds" ] || "$here/make_seeds.sh" "$dir/seeds" "$sxs" >/dev/null

run_one() {
  local t=$1
  shift
  local bin="$dir/fuzz_$t"
  [ -x "$bin" ] || { echo "run.sh: no target fuzz_$t" >&2; return 2; }
  mkdir -p "$dir/corpus/$t" "$dir/artifacts"
  local dict=()
  [ -f "$here/$t.dict" ] && dict=(-dict="$here/$t.dict")
  case $t in check|merge|repair) [ -f "$here/page.dict" ] && dict=(-dict="$here/page.dict") ;; esac
  # libgettextpo leaks a file name on every read (lsan.supp): with leak
  # detection on, each PO read would trigger a full, slow leak scan.
  local leaks=()
  case $t in po|merge) leaks=(-detect_leaks=0) ;; esac
  # rss_limit keeps a memory blow-up a finding; timeout flags a hang. The
  # target runs under a shell that records its pid and execs it, so that
  # the files it made in /dev/shm (named by that pid) can be looked for.
  local pidfile="$dir/fuzz_$t.pid" status=0
  bash -c 'echo $$ > "$0"; exec "$@"' "$pidfile" \
    "$bin" "$dir/corpus/$t" "$dir/seeds/$t" "${dict[@]}" "${leaks[@]}" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -max_len=65536 -print_final_stats=1 -close_fd_mask=2 \
    -artifact_prefix="$dir/artifacts/$t-" "$@" || status=$?
  local pid left
  pid=$(cat "$pidfile")
  rm -f "$pidfile"
  left=$(find /dev/shm -maxdepth 1 -name "sxs-fuzz-$pid.*" -print -delete 2>/dev/null)
  if [ "$status" = 0 ] && [ -n "$left" ]; then
    echo "run.sh: fuzz_$t left its files in /dev/shm: ${left//$'\n'/ }" >&2
    status=1
  fi
  return "$status"
}

if [ "$target" = all ]; then
  status=0
  for f in "$here"/fuzz_*.c; do
    t=$(basename "${f%.c}"); t=${t#fuzz_}
    run_one "$t" "$@" || status=1
  done
  exit $status
fi
run_one "$target" "$@"
