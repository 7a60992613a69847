/* libFuzzer target: the glossary reader (TBX when XML, else CSV), then the
 * glossary check over a fixed page. */
#include <stdint.h>

#include "fuzz_common.h"
#include "sxs/sxs.h"
#include "sxs/sxs_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static FILE *sink;
  if (!sink) sink = fopen("/dev/null", "w");
  const char *path = fuzz_file(data, size, "tbx");
  sxs_checker *checker = sxs_checker_new();
  if (!checker) return 0;
  char err[256];
  if (sxs_checker_load_glossary(checker, path, err, sizeof err) == 0) {
    sxs_page *page = sxs_page_parse(fuzz_page_text, sizeof fuzz_page_text - 1);
    if (page) {
      sxs_checker_add_page(checker, "p.md", page);
      sxs_checker_finish(checker);
      sxs_checker_write(checker, SXS_CHECK_JSON, sink);
      sxs_page_free(page);
    }
  }
  sxs_checker_free(checker);
  return 0;
}
