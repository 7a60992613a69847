/* Align: the same articles in several locales turned into one translation
 * memory (TMX 1.4 or JSON Lines), one unit per English source with each
 * locale's target. */
#ifndef SXS_ALIGN_H
#define SXS_ALIGN_H

#include <stddef.h>

#include "sxs_page.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sxs_align sxs_align;

/* A pair whose SOURCE differs between two locales built from the same
 * source version (same ms.openlocfilehash). */
typedef struct sxs_align_drift {
  const char *article;       /* relative path */
  const char *hash;          /* the shared ms.openlocfilehash */
  size_t locale_a, locale_b; /* indexes of the two locales */
  const sxs_page *page_a, *page_b;
  const sxs_pair *pair_a, *pair_b; /* the same NUMBER */
} sxs_align_drift;

typedef void (*sxs_align_drift_fn)(void *ctx, const sxs_align_drift *drift);

typedef struct sxs_align_counts {
  size_t articles;        /* relative paths seen */
  size_t pairs_by_id;     /* pairs aligned by NUMBER (same source version) */
  size_t pairs_by_source; /* pairs aligned by identical SOURCE */
  size_t unaligned;       /* pairs of a locale that found no partner */
  size_t drift;           /* same version, same NUMBER, other SOURCE */
  size_t units;           /* distinct units kept (identical ones merged) */
  size_t complete_units;  /* of those, with a target in every locale */
} sxs_align_counts;

sxs_align *sxs_align_new(size_t locale_count);
void sxs_align_free(sxs_align *a);

/* Adds one article: pages[k] is locale k's page, or NULL where the locale
 * lacks it. Pairs are matched to the first locale's page that has the
 * article: by NUMBER when both pages come from the same source version and
 * their SOURCEs agree (else that is drift, reported through fn), then by
 * identical SOURCE. Returns 0, or -1 when memory ran out. */
int sxs_align_add_article(sxs_align *a, const char *article,
                          const sxs_page *const *pages, sxs_align_drift_fn fn,
                          void *ctx);

const sxs_align_counts *sxs_align_counts_get(const sxs_align *a);

/* Writes the units as TMX 1.4 (valid against tmx14.dtd; srclang en-US,
 * one <tuv> per locale with a target, <prop type="x-occurrence"> per place
 * the unit occurs, "ARTICLE#NUMBER") or as JSON Lines. locales[k] names
 * locale k. path NULL or "-" is standard output; a file is replaced
 * atomically. Returns 0, or -1 with the reason in err. */
int sxs_align_write(sxs_align *a, int jsonl, const char *const *locales,
                    const char *path, char *err, size_t errsize);

#ifdef __cplusplus
}
#endif
#endif
