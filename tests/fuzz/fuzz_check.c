/* libFuzzer target: the check pass over a page, every output format. */
#include <stdint.h>

#include "fuzz_common.h"
#include "sxs/sxs.h"
#include "sxs/sxs_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static FILE *sink;
  if (!sink) sink = fopen("/dev/null", "w");
  sxs_page *page = sxs_page_parse((const char *)data, size);
  if (!page) return 0;
  sxs_checker *checker = sxs_checker_new();
  if (!checker) {
    sxs_page_free(page);
    return 0;
  }
  /* Every check on, the corpus-wide ones too (the page twice). */
  sxs_checker_set_level(checker, "all", SXS_LEVEL_INFO);
  sxs_checker_add_page(checker, "a.md", page);
  sxs_checker_add_page(checker, "b.md", page);
  sxs_checker_finish(checker);
  for (size_t i = 0; i < sxs_checker_finding_count(checker); i++) {
    const sxs_finding *f = sxs_checker_finding(checker, i);
    REQUIRE(f->message && f->id);
    REQUIRE(f->file_index < sxs_checker_file_count(checker));
  }
  for (int fmt = SXS_CHECK_TEXT; fmt <= SXS_CHECK_JUNIT; fmt++)
    sxs_checker_write(checker, (sxs_check_format)fmt, sink);
  sxs_checker_free(checker);
  sxs_page_free(page);
  return 0;
}
