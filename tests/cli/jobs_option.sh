#!/usr/bin/env bash
# -j: every threaded command takes 0 (the default) to 1024 threads and
# refuses anything else with exit 2 before reading a page; --help says what
# the default is for this process, which follows its affinity mask; the
# output is the same whatever the count.
set -uo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
fail() { echo "FAIL: $*" >&2; exit 1; }
pages=$SXS_SOURCE_DIR/docs/examples

for cmd in "extract -f tsv" "rebuild" "check" "stats"; do
  name=${cmd%% *}
  for bad in -1 1025 99999999999 two ""; do
    # shellcheck disable=SC2086
    "$SXS" $cmd -j "$bad" "$pages" >out 2>err
    rc=$?
    [ $rc = 2 ] || fail "$cmd -j '$bad': exit $rc, expected 2"
    [ ! -s out ] || fail "$cmd -j '$bad': wrote output"
    grep -q "^sxs $name: " err || fail "$cmd -j '$bad': no message naming the command"
  done
  # shellcheck disable=SC2086
  "$SXS" $cmd --jobs=1025 "$pages" 2>err >/dev/null
  grep -q "from 0 (one per CPU available) to 1024, not '1025'" err ||
    fail "$cmd --jobs=1025: message does not say the range"
  # shellcheck disable=SC2086
  "$SXS" $cmd -j 1 "$pages" >one 2>one.err
  rc1=$?
  for good in 0 2 1024; do
    # shellcheck disable=SC2086
    "$SXS" $cmd -j "$good" "$pages" >many 2>many.err
    rc=$?
    [ $rc = "$rc1" ] || fail "$cmd -j $good: exit $rc, -j 1 exits $rc1"
    cmp -s one many || fail "$cmd -j $good: output differs from -j 1"
    cmp -s one.err many.err || fail "$cmd -j $good: messages differ from -j 1"
  done

  # The default named in --help: the CPUs this process may use.
  # shellcheck disable=SC2086
  "$SXS" $cmd --help >help || fail "$cmd --help: exit $?"
  here=$(sed -n 's/.*one per CPU available, \([0-9]*\) here.*/\1/p' help)
  [ -n "$here" ] || fail "$cmd --help: the default is not given"
  allowed=$(env -u OMP_NUM_THREADS -u OMP_THREAD_LIMIT nproc)  # the affinity mask's count
  [ "$here" -ge 1 ] && [ "$here" -le "$allowed" ] ||
    fail "$cmd --help: default $here, but $allowed CPUs are allowed"
  if command -v taskset >/dev/null; then
    # shellcheck disable=SC2086
    here=$(taskset -c "$(taskset -pc $$ | sed 's/.*: *//; s/[,-].*//')" \
      "$SXS" $cmd --help | sed -n 's/.*available, \([0-9]*\) here.*/\1/p')
    [ "$here" = 1 ] || fail "$cmd --help under taskset -c (one CPU): default '$here', expected 1"
  else
    echo "taskset missing: the one-CPU default is not tested" >&2
  fi
done
echo "jobs_option: ok"
