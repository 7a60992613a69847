/* Diff: the pairs added, removed, or changed (SOURCE, TARGET) between two
 * versions of a page. */
#ifndef SXS_DIFF_H
#define SXS_DIFF_H

#include <stddef.h>

#include "sxs_io.h"
#include "sxs_page.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum sxs_diff_kind {
  SXS_DIFF_ADDED = 0,
  SXS_DIFF_REMOVED,
  SXS_DIFF_SOURCE_CHANGED,
  SXS_DIFF_TARGET_CHANGED
} sxs_diff_kind;

/* "added", "removed", "source_changed", "target_changed". */
const char *sxs_diff_kind_name(sxs_diff_kind kind);

typedef struct sxs_diff_change {
  sxs_diff_kind kind;
  const sxs_pair *old_pair; /* NULL for added */
  const sxs_pair *new_pair; /* NULL for removed */
  int renumbered; /* matched under another id (NUMBER, when no id is shared) */
} sxs_diff_change;

typedef struct sxs_diff_counts {
  size_t added, removed, source_changed, target_changed, same;
  size_t renumbered; /* matched pairs, changed or not, under another id */
} sxs_diff_counts;

typedef int (*sxs_diff_fn)(void *ctx, const sxs_diff_change *change);

/* Compares the pairs of two pages (either may be NULL: a page added or
 * removed). A new pair is matched, in this order of preference, to an old
 * pair with the same id and the same SOURCE; to one with the same SOURCE
 * under another id (the first in page order: a renumbered or reordered
 * page changes nothing); to one with the same id (its SOURCE changed). When
 * the two pages share no id at all (the page was regenerated with another
 * prefix) the NUMBER part of the id stands for the id. A pair whose SOURCE
 * and TARGET both changed gives two changes. Changes come in the new
 * page's order, then the removed pairs in the old page's order.
 * Returns 0, -1 when memory ran out, or what fn returned when not 0. */
int sxs_diff_pages(const sxs_page *old_page, const sxs_page *new_page,
                   sxs_diff_fn fn, void *ctx, sxs_diff_counts *counts);

/* path below root ("DIR/a/b.md" below "DIR/" is "a/b.md"). */
const char *sxs_relative_path(const char *root, const char *path);

typedef int (*sxs_tree_pair_fn)(void *ctx, const char *old_path,
                                const char *new_path);

/* Pairs the pages of two walked trees by their path relative to the roots:
 * fn gets (old, new) for each page of the new tree (old NULL when the page
 * is new), then (old, NULL) for each page only in the old tree. Returns 0,
 * -1 when memory ran out, or what fn returned when not 0. */
int sxs_match_trees(const char *old_root, const sxs_path_list *old_list,
                    const char *new_root, const sxs_path_list *new_list,
                    sxs_tree_pair_fn fn, void *ctx);

#ifdef __cplusplus
}
#endif
#endif
