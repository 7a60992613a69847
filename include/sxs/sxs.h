/* libsxs: SxS bilingual Markdown pages. */
#ifndef SXS_H
#define SXS_H

#include "sxs_align.h"
#include "sxs_buf.h"
#include "sxs_check.h"
#include "sxs_cpus.h"
#include "sxs_diag.h"
#include "sxs_diff.h"
#include "sxs_extract.h"
#include "sxs_io.h"
#include "sxs_merge.h"
#include "sxs_page.h"
#include "sxs_rebuild.h"
#include "sxs_stats.h"

#define SXS_VERSION "0.1.0"

#ifdef __cplusplus
extern "C" {
#endif

const char *sxs_version(void);

/* The libraries libsxs runs with and their versions, read from the
 * libraries themselves: "libxml2 2.9.14, ICU 72.1, ...". Writes at most
 * size bytes, NUL included, into buf; returns the length of the whole
 * text, as snprintf does. */
size_t sxs_library_versions(char *buf, size_t size);

#ifdef __cplusplus
}
#endif
#endif
