/* libFuzzer target: extract then merge, as a round trip. The input is a
 * page; its pairs are extracted to XLIFF, PO and TMX, and to XLIFF and TMX
 * with inline codes, each read back and
 * merged into the page. Merging a page's own translations must change
 * nothing when the page is clean (no error, valid UTF-8, no control
 * characters, which extract would replace). */
#include <stdint.h>

#include "fuzz_common.h"
#include "sxs/sxs.h"
#include "sxs/sxs_merge.h"

static int clean_text(const uint8_t *d, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (d[i] >= 0x80 || (d[i] < 0x20 && d[i] != '\n' && d[i] != '\t'))
      return 0; /* ASCII only: keeps the round-trip claim simple */
  return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static FILE *sink;
  if (!sink) sink = fopen("/dev/null", "w");
  sxs_page *page = sxs_page_parse((const char *)data, size);
  if (!page) return 0;
  int clean = sxs_page_error_count(page) == 0 && clean_text(data, size);
  static const sxs_format formats[] = {SXS_FORMAT_XLIFF, SXS_FORMAT_PO,
                                       SXS_FORMAT_TMX, SXS_FORMAT_XLIFF,
                                       SXS_FORMAT_TMX};
  static const char *const suffixes[] = {"merge.xlf", "merge.po",
                                         "merge.tmx", "merge.codes.xlf",
                                         "merge.codes.tmx"};
  for (int f = 0; f < 5; f++) {
    char err[256];
    const char *path = fuzz_path(suffixes[f]);
    sxs_extract_writer *w =
        sxs_extract_writer_new(formats[f], path, err, sizeof err);
    if (!w) continue;
    if (f >= 3) sxs_extract_set_inline_codes(w, 1);
    if (sxs_extract_add_page(w, "p.md", page) < 0) {
      sxs_extract_finish(w, err, sizeof err);
      continue;
    }
    if (sxs_extract_finish(w, err, sizeof err) < 0) continue;
    sxs_tfile *tf = sxs_tfile_read(path, err, sizeof err);
    if (clean && sxs_page_pair_count(page) > 0) REQUIRE(tf);
    if (!tf) continue;
    sxs_buf out = SXS_BUF_INIT;
    int changed = 0;
    sxs_merge_counts counts;
    memset(&counts, 0, sizeof counts);
    sxs_merge_options options = {0};
    int rc = sxs_merge_page(tf, "p.md", page, &options, &out, &changed,
                            &counts, sink);
    if (clean && rc == 0 && !out.failed) {
      REQUIRE(!changed);
      REQUIRE(same_bytes(out.data, out.len, data, size));
    }
    sxs_buf_free(&out);
    sxs_tfile_free(tf);
  }
  sxs_page_free(page);
  return 0;
}
