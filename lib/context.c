#include <string.h>

#include "sxs/sxs_page.h"

static const char *container_name(uint8_t c) {
  switch (c) {
    case SXS_IN_LIST_ITEM: return "list_item";
    case SXS_IN_BLOCKQUOTE: return "blockquote";
    case SXS_IN_ALERT_NOTE: return "alert:note";
    case SXS_IN_ALERT_TIP: return "alert:tip";
    case SXS_IN_ALERT_IMPORTANT: return "alert:important";
    case SXS_IN_ALERT_CAUTION: return "alert:caution";
    case SXS_IN_ALERT_WARNING: return "alert:warning";
  }
  return "container";
}

/* Appends s at tmp + n; the caller's buffer is large enough for the
 * longest context (eight containers, a leaf and an inline kind). */
static size_t put(char *tmp, size_t n, const char *s) {
  size_t len = strlen(s);
  memcpy(tmp + n, s, len);
  return n + len;
}

size_t sxs_context_format(const sxs_context *ctx, char *buf, size_t size) {
  char tmp[256];
  size_t n = 0;
  unsigned depth = ctx->depth < SXS_CONTEXT_MAX_DEPTH ? ctx->depth
                                                      : SXS_CONTEXT_MAX_DEPTH;
  for (unsigned i = 0; i < depth; i++) {
    n = put(tmp, n, container_name(ctx->path[i]));
    tmp[n++] = '>';
  }
  switch (ctx->leaf) {
    case SXS_LEAF_HEADING: {
      /* By hand: snprintf here was 6% of extract -f jsonl. */
      char digits[4];
      unsigned level = ctx->heading_level, k = 0;
      do {
        digits[k++] = (char)('0' + level % 10);
        level /= 10;
      } while (level && k < sizeof digits);
      n = put(tmp, n, "heading:");
      while (k) tmp[n++] = digits[--k];
      break;
    }
    case SXS_LEAF_TABLE_CELL: n = put(tmp, n, "table_cell"); break;
    case SXS_LEAF_HTML_BLOCK: n = put(tmp, n, "html_block"); break;
    default: n = put(tmp, n, "paragraph"); break;
  }
  if (ctx->inline_kind == SXS_INLINE_LINK_TEXT)
    n = put(tmp, n, ">link_text");
  else if (ctx->inline_kind == SXS_INLINE_IMAGE_ALT)
    n = put(tmp, n, ">image_alt");
  if (size) {
    size_t c = n < size - 1 ? n : size - 1;
    memcpy(buf, tmp, c);
    buf[c] = '\0';
  }
  return n;
}
