#include <stdio.h>
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

size_t sxs_context_format(const sxs_context *ctx, char *buf, size_t size) {
  char tmp[256];
  size_t n = 0;
  tmp[0] = '\0';
  unsigned depth = ctx->depth < SXS_CONTEXT_MAX_DEPTH ? ctx->depth
                                                      : SXS_CONTEXT_MAX_DEPTH;
  for (unsigned i = 0; i < depth; i++)
    n += (size_t)snprintf(tmp + n, sizeof tmp - n, "%s>",
                          container_name(ctx->path[i]));
  switch (ctx->leaf) {
    case SXS_LEAF_HEADING:
      n += (size_t)snprintf(tmp + n, sizeof tmp - n, "heading:%u",
                            ctx->heading_level);
      break;
    case SXS_LEAF_TABLE_CELL:
      n += (size_t)snprintf(tmp + n, sizeof tmp - n, "table_cell");
      break;
    case SXS_LEAF_HTML_BLOCK:
      n += (size_t)snprintf(tmp + n, sizeof tmp - n, "html_block");
      break;
    default:
      n += (size_t)snprintf(tmp + n, sizeof tmp - n, "paragraph");
      break;
  }
  if (ctx->inline_kind == SXS_INLINE_LINK_TEXT)
    n += (size_t)snprintf(tmp + n, sizeof tmp - n, ">link_text");
  else if (ctx->inline_kind == SXS_INLINE_IMAGE_ALT)
    n += (size_t)snprintf(tmp + n, sizeof tmp - n, ">image_alt");
  if (size) {
    size_t c = n < size - 1 ? n : size - 1;
    memcpy(buf, tmp, c);
    buf[c] = '\0';
  }
  return n;
}
