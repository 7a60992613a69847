/* Diagnostics: what the parser (and later the checks) say about a page. */
#ifndef SXS_DIAG_H
#define SXS_DIAG_H

#include <stddef.h>
#include <stdio.h>

#include "sxs_buf.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum sxs_severity {
  SXS_NOTE = 0,
  SXS_WARNING = 1,
  SXS_ERROR = 2
} sxs_severity;

/* One diagnostic. line and column are 1-based; column counts bytes, as gcc
 * does. offset is the byte offset in the page where the damage starts. */
typedef struct sxs_diag {
  size_t offset;
  unsigned line;
  unsigned column;
  sxs_severity severity;
  const char *code;   /* static string, e.g. "unclosed-span" */
  char *message;      /* owned by the page */
} sxs_diag;

const char *sxs_severity_name(sxs_severity severity);

/* Prints "FILE:LINE:COL: error|warning: message [code]\n". */
void sxs_diag_print(FILE *out, const char *file, const sxs_diag *diag);

/* Appends the same line to a buffer. */
int sxs_diag_append(sxs_buf *out, const char *file, const sxs_diag *diag);

#ifdef __cplusplus
}
#endif
#endif
