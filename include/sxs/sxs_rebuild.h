/* Writing a page back: the localized page, the English page, or the SxS page
 * itself with some TARGETs replaced (merge). Bytes outside pairs are copied
 * unchanged. */
#ifndef SXS_REBUILD_H
#define SXS_REBUILD_H

#include <stddef.h>

#include "sxs_buf.h"
#include "sxs_page.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum sxs_side { SXS_SIDE_TARGET = 0, SXS_SIDE_SOURCE = 1 } sxs_side;

/* Appends the monolingual page of one side to out: each pair replaced by its
 * TARGET as published (FORMAT.md section 4: a generator's "\*" is written
 * bare unless the TARGET begins a line with "\* ") or by its SOURCE. */
int sxs_page_rebuild(const sxs_page *page, sxs_side side, sxs_buf *out);

/* Appends the TARGET of one pair as it is published. */
int sxs_pair_published_target(const sxs_page *page, const sxs_pair *pair,
                              sxs_buf *out);

typedef struct sxs_text {
  const char *data; /* NULL: keep the pair's TARGET */
  size_t len;
} sxs_text;

/* Appends the SxS page with TARGET i replaced by targets[i] where
 * targets[i].data is not NULL. Everything else is copied byte for byte. */
int sxs_page_replace_targets(const sxs_page *page, const sxs_text *targets,
                             sxs_buf *out);

#ifdef __cplusplus
}
#endif
#endif
