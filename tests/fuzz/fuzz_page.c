/* libFuzzer target: the page parser, rebuild and the invariants every page
 * must keep whatever its bytes (pairs in order and inside the page, each
 * range inside its pair, diagnostics inside the page and sorted); diff of
 * the page against itself (every pair matched, under its own id, nothing
 * changed) and against no page (every pair added, or removed). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "sxs/sxs.h"

static void check_range(sxs_range r, size_t lo, size_t hi) {
  REQUIRE(r.start <= r.end);
  REQUIRE(r.start >= lo && r.end <= hi);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  sxs_page *page = sxs_page_parse((const char *)data, size);
  if (!page) return 0;
  size_t len;
  const char *bytes = sxs_page_data(page, &len);
  REQUIRE(same_bytes(bytes, len, data, size));

  size_t n = sxs_page_pair_count(page);
  const sxs_pair *pairs = sxs_page_pairs(page);
  size_t prev_end = 0;
  for (size_t i = 0; i < n; i++) {
    const sxs_pair *p = &pairs[i];
    check_range(p->whole, prev_end, size);
    check_range(p->id, p->whole.start, p->whole.end);
    check_range(p->target, p->whole.start, p->whole.end);
    check_range(p->source, p->target.end, p->whole.end);
    REQUIRE(p->line >= 1 && p->column >= 1);
    REQUIRE(p->context.depth <= SXS_CONTEXT_MAX_DEPTH);
    char ctx[128];
    REQUIRE(sxs_context_format(&p->context, ctx, sizeof ctx) < sizeof ctx);
    prev_end = p->whole.end;
  }
  size_t nd = sxs_page_diag_count(page);
  const sxs_diag *d = sxs_page_diags(page);
  for (size_t i = 0; i < nd; i++) {
    REQUIRE(d[i].offset <= size);
    REQUIRE(d[i].line >= 1 && d[i].code && d[i].message);
    if (i) REQUIRE(d[i].offset >= d[i - 1].offset);
  }
  for (size_t i = 0; i < sxs_page_meta_count(page); i++) {
    const char *k, *v;
    sxs_page_meta_at(page, i, &k, &v);
    REQUIRE(k && v);
  }

  sxs_diff_counts same = {0}, added = {0}, removed = {0};
  REQUIRE(sxs_diff_pages(page, page, NULL, NULL, &same) == 0);
  REQUIRE(same.same == n && same.added == 0 && same.removed == 0 &&
          same.source_changed == 0 && same.target_changed == 0 &&
          same.renumbered == 0);
  REQUIRE(sxs_diff_pages(NULL, page, NULL, NULL, &added) == 0);
  REQUIRE(added.added == n && added.same == 0);
  REQUIRE(sxs_diff_pages(page, NULL, NULL, NULL, &removed) == 0);
  REQUIRE(removed.removed == n && removed.same == 0);

  sxs_buf out = SXS_BUF_INIT;
  sxs_page_rebuild(page, SXS_SIDE_TARGET, &out);
  sxs_buf_clear(&out);
  sxs_page_rebuild(page, SXS_SIDE_SOURCE, &out);
  sxs_buf_clear(&out);
  /* Replacing nothing must give the page back byte for byte. */
  sxs_text *keep = calloc(n ? n : 1, sizeof *keep);
  if (keep && sxs_page_replace_targets(page, keep, &out) == 0 && !out.failed)
    REQUIRE(same_bytes(out.data, out.len, data, size));
  free(keep);
  sxs_buf_free(&out);
  sxs_page_free(page);
  return 0;
}
