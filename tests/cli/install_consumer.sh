#!/usr/bin/env bash
# `cmake --install` gives a usable sxs: the command, libsxs with its headers
# and sxs.pc; a program built with pkg-config against it parses a page.
set -euo pipefail
build=$(dirname "$SXS")
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" > /dev/null
for f in bin/sxs include/sxs/sxs.h include/sxs/sxs_page.h share/man/man1/sxs.1; do
  [ -e "$tmp/prefix/$f" ] || { echo "FAIL: $f not installed"; exit 1; }
done
pc=$(find "$tmp/prefix" -name sxs.pc | head -n 1)
[ -n "$pc" ] || { echo "FAIL: sxs.pc not installed"; exit 1; }
cat > "$tmp/consumer.c" <<'C'
#include <sxs/sxs.h>
#include <stdio.h>
#include <string.h>
int main(void) {
  const char *page =
      "# <span data-ttu-id=\"abcde-103\">Hola</span><span class=\"sxs-lookup\">"
      "<span data-stu-id=\"abcde-103\">Hello</span></span>\n";
  sxs_page *p = sxs_page_parse(page, strlen(page));
  char ctx[128];
  sxs_context_format(&sxs_page_pairs(p)[0].context, ctx, sizeof ctx);
  char libraries[256];
  sxs_library_versions(libraries, sizeof libraries);
  printf("%s %zu %s\n%s\n", sxs_version(), sxs_page_pair_count(p), ctx,
         libraries);
  sxs_page_free(p);
  return 0;
}
C
export PKG_CONFIG_PATH=$(dirname "$pc")
# Build the consumer as libsxs was built: same compiler, same sanitizers.
cache=$build/CMakeCache.txt
compiler=$(sed -n 's/^CMAKE_C_COMPILER:[A-Z]*=//p' "$cache")
extra=()
grep -q '^SXS_SANITIZE:BOOL=ON' "$cache" && extra=(-fsanitize=address,undefined)
"${compiler:-cc}" "${extra[@]}" "$tmp/consumer.c" $(pkg-config --cflags --static --libs sxs) -o "$tmp/consumer"
out=$("$tmp/consumer")
version=$("$tmp/prefix/bin/sxs" --version)
want="$(sed -n '1s/^sxs //p' <<<"$version") 1 heading:1
$(sed -n 2p <<<"$version")"
[ "$out" = "$want" ] || { echo "FAIL: consumer printed '$out', want '$want'"; exit 1; }
# The command names the libraries it runs with, and says when they are
# linked into it (the system's updates of them then do not reach it).
libs='^libxml2 [0-9]+\.[0-9]+\.[0-9]+, ICU [0-9.]+, cmark-gfm [^ ,]+, libyaml [0-9.]+, libgettextpo [0-9]+\.[0-9]+\.[0-9]+$'
sed -n 2p <<<"$version" | grep -Eq "$libs" ||
  { echo "FAIL: sxs --version line 2 is '$(sed -n 2p <<<"$version")'"; exit 1; }
if ldd "$tmp/prefix/bin/sxs" | grep -q libxml2; then linked=0; else linked=1; fi
if grep -q 'linked into this binary' <<<"$version"; then said=1; else said=0; fi
[ "$linked" = "$said" ] ||
  { echo "FAIL: sxs --version says linked in: $said, ldd says: $linked"; exit 1; }
echo "ok: installed sxs, libsxs, headers and sxs.pc; consumer printed '$out'"
