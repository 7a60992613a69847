# Sourced by the corpus tests (not a test itself: ctest runs *.sh only).
# A user's clone has no ../shared beside it: a corpus test then skips, with
# exit 77 and one line naming what is missing, instead of failing.

# need_corpus [LOCALE...]: sets corpus to the partner-center tree of
# $SXS_SHARED, and skips unless it exists with LOCALE/sxs for each LOCALE.
need_corpus() {
  corpus="${SXS_SHARED:-}/corpus/partner-center"
  if [ -z "${SXS_SHARED:-}" ] || [ ! -d "$corpus" ]; then
    echo "skipped: no corpus at ${SXS_SHARED:-\$SXS_SHARED}/corpus/partner-center"
    exit 77
  fi
  local locale
  for locale in "$@"; do
    if [ ! -d "$corpus/$locale/sxs" ]; then
      echo "skipped: no $locale/sxs in $corpus"
      exit 77
    fi
  done
}

# need_tool VAR NAME: sets VAR to the path of the helper NAME built beside
# the tests (tests/tools); fails the test when it was not built: that is a
# broken build, not a missing corpus.
need_tool() {
  local tool="${SXS_TEST_TOOLS:?SXS_TEST_TOOLS is not set}/$2"
  if [ ! -x "$tool" ]; then
    echo "FAIL: $tool is not built"
    exit 1
  fi
  printf -v "$1" '%s' "$tool"
}

# make_work_dir: sets work to a new temporary directory, removed on exit.
make_work_dir() {
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
}
