#!/usr/bin/env bash
# Makes the seed corpus of each fuzz target from the project's own fixtures
# (tests/fixtures, docs/examples) and, for the translation-file readers, from
# XLIFF/PO/TMX/TBX that sxs itself writes from those pages.
# Usage: tests/fuzz/make_seeds.sh OUTDIR [SXS]   (SXS: a built sxs command)
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
out=$1
sxs=${2:-}
mkdir -p "$out"/{page,check,xliff,po,tmx,tbx,merge,repair}

pages=$(find "$src/tests/fixtures" "$src/docs/examples" -name '*.md' -type f | sort)
i=0
for p in $pages; do
  i=$((i + 1))
  for t in page check merge repair; do cp "$p" "$out/$t/fixture-$i.md"; done
  # The same page with its quotes entity-escaped: damage as seen in the wild.
  sed 's/"/\&quot;/g' "$p" >"$out/repair/escaped-$i.md"
  cp "$out/repair/escaped-$i.md" "$out/page/escaped-$i.md"
done
for f in $(find "$src/tests/fixtures" -type f \( -name '*.xlf' -o -name '*.xliff' \) | sort); do cp "$f" "$out/xliff/"; done
for f in $(find "$src/tests/fixtures" -type f -name '*.po' | sort); do cp "$f" "$out/po/"; done
for f in $(find "$src/tests/fixtures" -type f -name '*.tmx' | sort); do cp "$f" "$out/tmx/"; done
for f in $(find "$src/tests/fixtures" -type f -name '*.tbx' | sort); do cp "$f" "$out/tbx/"; done

if [ -n "$sxs" ] && [ -x "$sxs" ]; then
  # Translation files whose units name "p.md", the page the targets merge
  # into: from each fixture, and from the page of fuzz_common.h.
  work=$(mktemp -d)
  printf -- '---\ntitle: T\nms.contentlocale: es-ES\n---\n# <span data-ttu-id="1a2b3-103">Hola</span><span class="sxs-lookup"><span data-stu-id="1a2b3-103">Hello</span></span>\n\n* <span data-ttu-id="1a2b3-104">Uno `x` **dos**.</span><span class="sxs-lookup"><span data-stu-id="1a2b3-104">One `x` **two**.</span></span>\n' >"$work/fuzz-page.md"
  for p in "$work/fuzz-page.md" $pages; do
    i=$((i + 1))
    cp "$p" "$work/p.md"
    (cd "$work" &&
      "$sxs" extract -q --format xliff -o "$out/xliff/gen-$i.xlf" p.md 2>/dev/null
      "$sxs" extract -q --format po -o "$out/po/gen-$i.po" p.md 2>/dev/null
      "$sxs" extract -q --format tmx -o "$out/tmx/gen-$i.tmx" p.md 2>/dev/null) || true
  done
  rm -rf "$work"
fi

# Small hand-made seeds, our own text.
pair='<span data-ttu-id="1a2b3-103">Hola `x</span>` **mundo**.</span><span class="sxs-lookup"><span data-stu-id="1a2b3-103">Hello `x</span>` **world**.</span></span>'
printf -- '---\ntitle: T\nms.contentlocale: es-ES\n---\n# %s\n\n* [%s](a.md)\n\n> [!NOTE]\n> %s\n\n| a | b |\n|---|---|\n| %s | x |\n' \
  "$pair" "$pair" "$pair" "$pair" >"$out/page/seed-blocks.md"
cp "$out/page/seed-blocks.md" "$out/check/"
cp "$out/page/seed-blocks.md" "$out/merge/"
cat >"$out/tbx/seed.tbx" <<'TBX'
<?xml version="1.0"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
<text><body>
<conceptEntry id="c1"><langSec xml:lang="en"><termSec><term>partner</term></termSec></langSec>
<langSec xml:lang="es"><termSec><term>socio</term></termSec></langSec></conceptEntry>
</body></text></tbx>
TBX
cat >"$out/po/seed.po" <<'PO'
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"

#: intro.md:3
msgctxt "intro.md\0041a2b3-103"
msgid "Hello"
msgstr "Hola"
PO
echo "seeds in $out"
