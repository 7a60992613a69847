/* libFuzzer target: sxs repair. Whatever the page, a repair that changes
 * nothing gives the page back byte for byte; each change replaces bytes
 * that are there; and the repaired page has no more errors than before. */
#include <stdint.h>

#include "fuzz_common.h"
#include "sxs/sxs.h"
#include "sxs/sxs_repair.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *text = (const char *)data;
  sxs_buf out = SXS_BUF_INIT;
  sxs_repair_result res = SXS_REPAIR_RESULT_INIT;
  if (sxs_repair_page(text, size, &out, &res) == 0) {
    if (res.change_count == 0) {
      REQUIRE(same_bytes(out.data, out.len, data, size));
    } else {
      size_t prev = 0;
      for (size_t i = 0; i < res.change_count; i++) {
        const sxs_repair_change *c = &res.changes[i];
        size_t n = strlen(c->before);
        REQUIRE(c->offset >= prev && c->offset + n <= size);
        REQUIRE(memcmp(text + c->offset, c->before, n) == 0);
        REQUIRE(strcmp(c->before, c->after) != 0);
        prev = c->offset + n;
      }
      sxs_page *before = sxs_page_parse(text, size);
      sxs_page *after = sxs_page_parse(out.data, out.len);
      REQUIRE(before && after);
      REQUIRE(sxs_page_error_count(after) <= sxs_page_error_count(before));
      REQUIRE(sxs_page_pair_count(after) > sxs_page_pair_count(before));
      sxs_page_free(before);
      sxs_page_free(after);
    }
  }
  sxs_repair_result_free(&res);
  sxs_buf_free(&out);
  return 0;
}
