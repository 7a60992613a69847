# Sourced by the merge tests (not a test itself: ctest runs *.sh only):
# a work directory to run in, the fixture pages, and the test's verdict.
: "${SXS:?}" "${SXS_SOURCE_DIR:?}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 2
fixture="$SXS_SOURCE_DIR/tests/fixtures/merge/es-ES"
fail=0
# check DESCRIPTION CONDITION...: the condition must hold.
check() {
  local what=$1; shift
  if ! "$@"; then echo "FAIL: $what"; fail=1; fi
}
# reset: es-ES/ is a fresh copy of the fixture pages.
reset() { rm -rf es-ES; cp -r "$fixture" es-ES; }
