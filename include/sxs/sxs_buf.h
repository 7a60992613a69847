/* A growable byte buffer, used by writers and rebuild. */
#ifndef SXS_BUF_H
#define SXS_BUF_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sxs_buf {
  char *data;
  size_t len;
  size_t cap;
  int failed; /* set once an allocation failed; later appends do nothing */
} sxs_buf;

#define SXS_BUF_INIT {0, 0, 0, 0}

int sxs_buf_reserve(sxs_buf *buf, size_t extra);
int sxs_buf_append(sxs_buf *buf, const char *data, size_t len);
int sxs_buf_puts(sxs_buf *buf, const char *s);
int sxs_buf_putc(sxs_buf *buf, char c);
/* n in decimal, as "%zu" writes it, without printf's cost. */
int sxs_buf_put_size(sxs_buf *buf, size_t n);
int sxs_buf_printf(sxs_buf *buf, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void sxs_buf_clear(sxs_buf *buf);

/* Appends s[0..len) as a JSON string literal (quotes included): ", \ and
 * control characters (DEL too) escaped, each byte that is not part of valid
 * UTF-8 written as U+FFFD, so that the output is always valid JSON. */
int sxs_json_append_string(sxs_buf *out, const char *s, size_t len);
void sxs_buf_free(sxs_buf *buf);

#ifdef __cplusplus
}
#endif
#endif
