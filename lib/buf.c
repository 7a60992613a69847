#include "sxs/sxs_buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* realloc copies the whole old block, room never written included. Reading
 * a page never written maps the shared zero page; once the block is freed
 * and used again, the first write to that page must replace it, and in a
 * process with threads on other CPUs that flushes their TLBs by
 * interprocessor interrupt: some 30 us of the writer's time each on this
 * project's virtual machine, where extract -j 2 sent 94 of them per run
 * over the corpus (6 since). So when more than a page of the old block was
 * never written, only what was is copied. */
#define UNWRITTEN_COPY_LIMIT 4096

int sxs_buf_reserve(sxs_buf *buf, size_t extra) {
  if (buf->failed) return -1;
  if (extra <= buf->cap - buf->len) return 0;
  size_t need = buf->len + extra;
  if (need < buf->len) goto fail; /* overflow */
  size_t cap = buf->cap ? buf->cap : 256;
  while (cap < need) {
    if (cap > (size_t)-1 / 2) {
      cap = need;
      break;
    }
    cap *= 2;
  }
  char *data;
  if (buf->cap - buf->len > UNWRITTEN_COPY_LIMIT) {
    data = malloc(cap);
    if (!data) goto fail;
    if (buf->len) memcpy(data, buf->data, buf->len);
    free(buf->data);
  } else {
    data = realloc(buf->data, cap);
    if (!data) goto fail;
  }
  buf->data = data;
  buf->cap = cap;
  return 0;
fail:
  buf->failed = 1;
  return -1;
}

int sxs_buf_append(sxs_buf *buf, const char *data, size_t len) {
  if (len == 0) return buf->failed ? -1 : 0;
  if (sxs_buf_reserve(buf, len) < 0) return -1;
  memcpy(buf->data + buf->len, data, len);
  buf->len += len;
  return 0;
}

int sxs_buf_puts(sxs_buf *buf, const char *s) {
  return sxs_buf_append(buf, s, strlen(s));
}

int sxs_buf_putc(sxs_buf *buf, char c) {
  if (sxs_buf_reserve(buf, 1) < 0) return -1;
  buf->data[buf->len++] = c;
  return 0;
}

int sxs_buf_put_size(sxs_buf *buf, size_t n) {
  char digits[24];
  size_t k = 0;
  do {
    digits[sizeof digits - ++k] = (char)('0' + n % 10);
    n /= 10;
  } while (n);
  return sxs_buf_append(buf, digits + sizeof digits - k, k);
}

int sxs_buf_printf(sxs_buf *buf, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char small[256];
  int n = vsnprintf(small, sizeof small, fmt, ap);
  va_end(ap);
  if (n < 0) return -1;
  if ((size_t)n < sizeof small) return sxs_buf_append(buf, small, (size_t)n);
  if (sxs_buf_reserve(buf, (size_t)n + 1) < 0) return -1;
  va_start(ap, fmt);
  vsnprintf(buf->data + buf->len, (size_t)n + 1, fmt, ap);
  va_end(ap);
  buf->len += (size_t)n;
  return 0;
}

void sxs_buf_clear(sxs_buf *buf) {
  buf->len = 0;
}

void sxs_buf_free(sxs_buf *buf) {
  free(buf->data);
  buf->data = NULL;
  buf->len = buf->cap = 0;
  buf->failed = 0;
}
