/* Writing pages back: one side, or the SxS page with new TARGETs. */
#include "sxs/sxs_rebuild.h"

#include <string.h>

/* Whether the pair starts a line: only white space, list markers and
 * block-quote markers stand before it on its line. */
static int pair_begins_line(const char *s, const sxs_pair *pair) {
  size_t p = pair->whole.start;
  while (p > 0 && s[p - 1] != '\n') {
    char c = s[p - 1];
    if (c != ' ' && c != '\t' && c != '>' && c != '-' && c != '*' &&
        c != '+' && c != '.' && c != ')' && !(c >= '0' && c <= '9'))
      return 0;
    p--;
  }
  return 1;
}

int sxs_pair_published_target(const sxs_page *page, const sxs_pair *pair,
                              sxs_buf *out) {
  size_t len;
  const char *s = sxs_page_data(page, &len);
  size_t p = pair->target.start, end = pair->target.end;
  /* FORMAT.md section 4: the generator wrote a '*' forming no emphasis as
   * "\*"; the published page has it bare, but a TARGET that begins a line
   * with "\* " keeps the backslash, as a bare "* " would start a bullet. */
  if (end - p >= 3 && memcmp(s + p, "\\* ", 3) == 0 &&
      pair_begins_line(s, pair)) {
    if (sxs_buf_append(out, s + p, 3) < 0) return -1;
    p += 3;
  }
  while (p < end) {
    const char *bs = memchr(s + p, '\\', end - p);
    if (!bs) break;
    size_t b = (size_t)(bs - s);
    if (b + 1 < end && s[b + 1] == '*') {
      if (sxs_buf_append(out, s + p, b - p) < 0) return -1;
      p = b + 1;
    } else {
      size_t next = b + 2 <= end ? b + 2 : end;
      if (sxs_buf_append(out, s + p, next - p) < 0) return -1;
      p = next;
    }
  }
  return sxs_buf_append(out, s + p, end - p);
}

int sxs_page_rebuild(const sxs_page *page, sxs_side side, sxs_buf *out) {
  size_t len;
  const char *s = sxs_page_data(page, &len);
  const sxs_pair *pairs = sxs_page_pairs(page);
  size_t n = sxs_page_pair_count(page);
  size_t at = 0;
  if (sxs_buf_reserve(out, len) < 0) return -1;
  for (size_t i = 0; i < n; i++) {
    const sxs_pair *pr = &pairs[i];
    if (sxs_buf_append(out, s + at, pr->whole.start - at) < 0) return -1;
    int rc = side == SXS_SIDE_TARGET
                 ? sxs_pair_published_target(page, pr, out)
                 : sxs_buf_append(out, s + pr->source.start,
                                  pr->source.end - pr->source.start);
    if (rc < 0) return -1;
    at = pr->whole.end;
  }
  return sxs_buf_append(out, s + at, len - at);
}

int sxs_page_replace_targets(const sxs_page *page, const sxs_text *targets,
                             sxs_buf *out) {
  size_t len;
  const char *s = sxs_page_data(page, &len);
  const sxs_pair *pairs = sxs_page_pairs(page);
  size_t n = sxs_page_pair_count(page);
  size_t at = 0;
  if (sxs_buf_reserve(out, len) < 0) return -1;
  for (size_t i = 0; i < n; i++) {
    if (!targets || !targets[i].data) continue;
    const sxs_pair *pr = &pairs[i];
    if (sxs_buf_append(out, s + at, pr->target.start - at) < 0 ||
        sxs_buf_append(out, targets[i].data, targets[i].len) < 0)
      return -1;
    at = pr->target.end;
  }
  return sxs_buf_append(out, s + at, len - at);
}
