#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz/fuzz_*.c) with clang:
# libsxs compiled from lib/*.c with coverage instrumentation, ASan and UBSan.
# Usage: tests/fuzz/build.sh [OUTDIR]   (default: build-fuzz beside the tree)
# The targets land in OUTDIR/fuzz_NAME; tests/fuzz/run.sh calls this script.
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$src/build-fuzz}
cc=${CC_FUZZ:-clang}
mkdir -p "$out/obj"

pkgs="libxml-2.0 icu-uc icu-i18n yaml-0.1 libcmark-gfm"
cflags="-std=c11 -g -O1 -D_GNU_SOURCE -fno-omit-frame-pointer
  -I$src/include -I$src/lib $(pkg-config --cflags $pkgs)
  -DSXS_LOCALES_DIR=\"$src/locales\" -DSXS_SOURCE_LOCALES_DIR=\"$src/locales\""
libs="$(pkg-config --libs $pkgs) -lgettextpo -lpthread"
# Every undefined behaviour stops the fuzzer, a NULL passed to memcpy or
# qsort (nonnull-attribute) included.
san="-fsanitize=address,undefined -fno-sanitize-recover=undefined"

# Objects are rebuilt only when their source is newer (a cheap make).
objs=()
for c in "$src"/lib/*.c; do
  o="$out/obj/$(basename "${c%.c}").o"
  if [ ! -e "$o" ] || [ "$c" -nt "$o" ] || [ -n "$(find "$src/lib" "$src/include" -name '*.h' -newer "$o" 2>/dev/null | head -1)" ]; then
    # shellcheck disable=SC2086
    if ! $cc $cflags $san -fsanitize=fuzzer-no-link -c "$c" -o "$o.new" 2>"$o.log"; then
      # Another engineer's file may be mid-edit: keep fuzzing the last
      # object that compiled, if any.
      if [ -e "$o" ]; then
        echo "build.sh: $(basename "$c") does not compile; using its last object" >&2
      else
        cat "$o.log" >&2
        exit 1
      fi
    else
      mv "$o.new" "$o"
    fi
  fi
  objs+=("$o")
done
rm -f "$out/libsxs_fuzz.a"
ar rcs "$out/libsxs_fuzz.a" "${objs[@]}"

for t in "$src"/tests/fuzz/fuzz_*.c; do
  name=$(basename "${t%.c}")
  # shellcheck disable=SC2086
  $cc $cflags $san -fsanitize=fuzzer "$t" "$out/libsxs_fuzz.a" $libs \
    -o "$out/$name"
done
echo "fuzz targets in $out"
