/* JSON string literals, shared by every writer that builds JSON in a
 * buffer (check, stats, diff, align). extract's JSON Lines writer streams
 * with its own escaper for speed. */
#include <stdint.h>
#include <unicode/utf8.h>

#include "sxs/sxs_buf.h"

int sxs_json_append_string(sxs_buf *out, const char *s, size_t len) {
  sxs_buf_putc(out, '"');
  size_t i = 0;
  while (i < len) {
    unsigned char c = (unsigned char)s[i];
    if (c == '"' || c == '\\') {
      sxs_buf_putc(out, '\\');
      sxs_buf_putc(out, (char)c);
      i++;
    } else if (c < 0x20 || c == 0x7F) {
      switch (c) {
        case '\n': sxs_buf_puts(out, "\\n"); break;
        case '\r': sxs_buf_puts(out, "\\r"); break;
        case '\t': sxs_buf_puts(out, "\\t"); break;
        default: sxs_buf_printf(out, "\\u%04x", c);
      }
      i++;
    } else if (c < 0x80) {
      sxs_buf_putc(out, (char)c);
      i++;
    } else {
      int32_t j = (int32_t)i;
      UChar32 cp;
      U8_NEXT(s, j, (int32_t)(len > INT32_MAX ? INT32_MAX : len), cp);
      if (cp < 0) sxs_buf_puts(out, "\xEF\xBF\xBD");
      else sxs_buf_append(out, s + i, (size_t)j - i);
      i = (size_t)j;
    }
  }
  sxs_buf_putc(out, '"');
  return out->failed ? -1 : 0;
}
