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
int sxs_buf_printf(sxs_buf *buf, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void sxs_buf_clear(sxs_buf *buf);
void sxs_buf_free(sxs_buf *buf);

#ifdef __cplusplus
}
#endif
#endif
