#!/usr/bin/env bash
# Time grows linearly on hostile pages: for each shape, 4x the input may
# cost at most 5x the CPU time (plus a small allowance for start-up), so a
# quadratic scan (16x) fails. Prints the figures.
set -uo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
failures=0

# gen NAME N > file: one hostile shape at size N.
gen() {
  awk -v kind="$1" -v n="$2" '
  function pair(i) {
    return sprintf("<span data-ttu-id=\"1a2b3-%d\">Hola.</span><span class=\"sxs-lookup\"><span data-stu-id=\"1a2b3-%d\">Hello.</span></span>", i, i)
  }
  BEGIN {
    if (kind == "nested") {
      printf "<span data-ttu-id=\"1a2b3-103\">"
      for (i = 0; i < n; i++) printf "<span>"
      printf "x"; for (i = 0; i < n; i++) printf "</span>"
      print "</span><span class=\"sxs-lookup\"><span data-stu-id=\"1a2b3-103\">y</span></span>"
    } else if (kind == "unclosed") {
      for (i = 0; i < n; i++) printf "<span data-ttu-id=\"1a2b3-%d\">t\n", 103 + i
    } else if (kind == "stray") {
      for (i = 0; i < n; i++) printf "<span class=\"sxs-lookup\"><span data-stu-id=\"1a2b3-1\">x</span></span> "
      print ""
    } else if (kind == "line") {
      for (i = 0; i < n; i++) printf "%s ", pair(103 + i)
      print ""
    } else if (kind == "references") {
      for (i = 0; i < n; i++) printf "[r%d]: https://example.com/%d\n", i, i
      print ""; for (i = 0; i < n; i++) printf "[r%d] [%s][x] ", i, pair(103 + i)
      print ""
    } else if (kind == "brackets") {
      for (i = 0; i < n; i++) printf "["
      printf "%s", pair(103); for (i = 0; i < n; i++) printf "]"
      print ""
    } else if (kind == "links") {
      for (i = 0; i < n; i++) printf "![[%s](a.md)](b.png) ", pair(103 + i)
      print ""
    } else if (kind == "backticks") {
      for (i = 0; i < n; i++) { for (k = 0; k <= i % 40; k++) printf "`"; printf "a " }
      print ""
    } else if (kind == "quotes") {
      for (i = 0; i < n; i++) printf "> "
      print pair(103)
    } else if (kind == "lists") {
      for (i = 0; i < n; i++) { for (k = 0; k < i % 300; k++) printf "  "; printf "* %s\n", pair(103 + i) }
    } else if (kind == "sameid") {
      for (i = 0; i < n; i++) printf "<span data-ttu-id=\"1a2b3-7\">T%d</span><span class=\"sxs-lookup\"><span data-stu-id=\"1a2b3-7\">%s</span></span>\n\n", i, (i % 2 ? "Note" : "S" i)
    } else if (kind == "escaped") {
      for (i = 0; i < n; i++) printf "<span data-ttu-id=&quot;1a2b3-%d&quot;>t</span><span class=&quot;sxs-lookup&quot;><span data-stu-id=&quot;1a2b3-%d&quot;>s</span></span>\n", 103 + i, 103 + i
    }
  }'
}

cpu() { # prints user+sys seconds of: sxs ARGS...
  local TIMEFORMAT='%3U %3S'
  local t
  t=$( { time "$SXS" "$@" >/dev/null 2>&1; } 2>&1 )
  awk -v t="$t" 'BEGIN { split(t, a, " "); printf "%.3f", a[1] + a[2] }'
}

# measure COMMAND...: sets t1 and t4, the CPU seconds of COMMAND on
# small.md and on big.md (in the form each command needs).
measure() {
  if [ "$1" = diff ]; then # a page against itself
    t1=$(cpu "$@" small.md small.md)
    t4=$(cpu "$@" big.md big.md)
  elif [ "$1" = merge ]; then # the page's own XLIFF or PO merged back
    local f=$2
    shift 2
    "$SXS" extract -q -f "$f" -o small.$f small.md 2>/dev/null
    "$SXS" extract -q -f "$f" -o big.$f big.md 2>/dev/null
    t1=$(cpu merge "$@" -t small.$f small.md)
    t4=$(cpu merge "$@" -t big.$f big.md)
  elif [ "$1" = align ]; then # two locales of one article, the same page
    mkdir -p s1 s2 b1 b2
    cp small.md s1/p.md; cp small.md s2/p.md; cp big.md b1/p.md; cp big.md b2/p.md
    t1=$(cpu "$@" -o out.tmx s1 s2)
    t4=$(cpu "$@" -o out.tmx b1 b2)
  else
    t1=$(cpu "$@" small.md)
    t4=$(cpu "$@" big.md)
  fi
}

superlinear() { awk -v a="$t1" -v b="$t4" 'BEGIN { exit !(b > 5 * a + 0.3) }'; }

check() { # NAME N COMMAND...
  local name=$1 n=$2
  shift 2
  gen "$name" "$n" >small.md
  gen "$name" $((4 * n)) >big.md
  local t1 t4 verdict=ok
  measure "$@"
  if superlinear; then
    # Once more, keeping the faster of the two timings of each size: a
    # busy machine (sanitizers, tests run side by side) slows one run, a
    # quadratic scan slows both.
    local first1=$t1 first4=$t4
    measure "$@"
    t1=$(awk -v a="$t1" -v b="$first1" 'BEGIN { print (a < b ? a : b) }')
    t4=$(awk -v a="$t4" -v b="$first4" 'BEGIN { print (a < b ? a : b) }')
    superlinear && verdict=SUPERLINEAR
  fi
  printf '%-11s %-8s %9d bytes %6.3fs   4x: %10d bytes %6.3fs  %s\n' "$name" "$1" \
    "$(stat -c %s small.md)" "$t1" "$(stat -c %s big.md)" "$t4" "$verdict"
  [ "$verdict" = ok ] || failures=$((failures + 1))
}

check nested 100000 extract -f tsv
check unclosed 25000 extract -f tsv
check stray 25000 extract -f tsv
check line 25000 extract -f tsv
check references 5000 extract -f tsv
check brackets 100000 extract -f tsv
check links 10000 extract -f tsv
check backticks 100000 extract -f tsv
check quotes 100000 extract -f tsv
check lists 1000 extract -f tsv
check escaped 10000 extract -f tsv
check escaped 10000 repair
check line 25000 repair
check line 10000 check
check unclosed 10000 check
check sameid 20000 extract -f tsv
check sameid 20000 check
check sameid 20000 extract -f po
check sameid 20000 extract -f xliff
check sameid 20000 diff
check sameid 20000 align -q
check sameid 20000 merge xliff --dry-run
check sameid 20000 merge po --dry-run
check line 25000 diff
[ $failures = 0 ] || { echo "FAIL: $failures shapes grow faster than linear" >&2; exit 1; }
