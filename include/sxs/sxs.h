/* libsxs: SxS bilingual Markdown pages. */
#ifndef SXS_H
#define SXS_H

#include "sxs_align.h"
#include "sxs_buf.h"
#include "sxs_check.h"
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

#ifdef __cplusplus
}
#endif
#endif
