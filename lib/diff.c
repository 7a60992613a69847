/* sxs diff: pairs added, removed and changed between two page versions. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strmap.h"
#include "sxs/sxs_buf.h"
#include "sxs/sxs_diff.h"

const char *sxs_diff_kind_name(sxs_diff_kind kind) {
  switch (kind) {
    case SXS_DIFF_ADDED: return "added";
    case SXS_DIFF_REMOVED: return "removed";
    case SXS_DIFF_SOURCE_CHANGED: return "source_changed";
    case SXS_DIFF_TARGET_CHANGED: return "target_changed";
  }
  return "?";
}

static int same_range(const char *a, sxs_range ra, const char *b,
                      sxs_range rb) {
  size_t n = ra.end - ra.start;
  return n == rb.end - rb.start && memcmp(a + ra.start, b + rb.start, n) == 0;
}

/* What a pair is matched by, in the order of the passes. */
enum { KEY_ID_AND_SOURCE, KEY_SOURCE, KEY_ID, KEY_KINDS };

/* The key of a pair for one pass, in key (reset first). The id is its
 * NUMBER as text when the pages share no id. */
static int pair_key(const char *data, const sxs_pair *p, int kind,
                    int by_number, sxs_buf *key) {
  sxs_buf_clear(key);
  if (kind != KEY_SOURCE) {
    if (by_number) sxs_buf_printf(key, "#%lu", p->number);
    else sxs_buf_append(key, data + p->id.start, p->id.end - p->id.start);
  }
  if (kind == KEY_ID_AND_SOURCE) sxs_buf_putc(key, '\0');
  if (kind != KEY_ID)
    sxs_buf_append(key, data + p->source.start, p->source.end - p->source.start);
  return key->failed ? -1 : 0;
}

/* Each key's old pairs, chained in page order (sxs_strmap_chain_push). */
typedef struct pair_index {
  sxs_strmap map;
  size_t *next;
} pair_index;

static int build_index(pair_index *index, const sxs_page *page, int kind,
                       int by_number, sxs_buf *key) {
  size_t len;
  const char *data = sxs_page_data(page, &len);
  const sxs_pair *pairs = sxs_page_pairs(page);
  for (size_t i = sxs_page_pair_count(page); i-- > 0;)
    if (pair_key(data, &pairs[i], kind, by_number, key) < 0 ||
        sxs_strmap_chain_push(&index->map, key->data, key->len, index->next,
                              i) < 0)
      return -1;
  return 0;
}

/* Matching, like msgmerge's, puts the text before the position: first the
 * same id with the same SOURCE; then the same SOURCE under another id (a
 * page renumbered or reordered: nothing changed); then the same id with
 * another SOURCE (the English edited in place). What is left was added or
 * removed. Matching by id alone made every pair after an insertion in a
 * renumbered page a changed SOURCE. */
static int match_pairs(const sxs_page *old_page, const sxs_page *new_page,
                       uintptr_t *match, unsigned char *claimed,
                       int *by_number) {
  size_t old_n = sxs_page_pair_count(old_page);
  size_t new_n = sxs_page_pair_count(new_page);
  const sxs_pair *new_pairs = sxs_page_pairs(new_page);
  size_t len;
  const char *new_data = sxs_page_data(new_page, &len);
  pair_index index[KEY_KINDS];
  sxs_buf key = SXS_BUF_INIT;
  int rc = -1;
  for (int k = 0; k < KEY_KINDS; k++) {
    index[k].map = (sxs_strmap)SXS_STRMAP_INIT;
    index[k].next = calloc(old_n, sizeof *index[k].next);
  }
  for (int k = 0; k < KEY_KINDS; k++)
    if (!index[k].next) goto done;
  if (build_index(&index[KEY_ID], old_page, KEY_ID, 0, &key) < 0) goto done;
  *by_number = 1;
  for (size_t i = 0; i < new_n && *by_number; i++)
    if (sxs_strmap_get(&index[KEY_ID].map, new_data + new_pairs[i].id.start,
                       new_pairs[i].id.end - new_pairs[i].id.start))
      *by_number = 0;
  if (*by_number) {
    sxs_strmap_free(&index[KEY_ID].map, NULL);
    if (build_index(&index[KEY_ID], old_page, KEY_ID, 1, &key) < 0) goto done;
  }
  if (build_index(&index[KEY_ID_AND_SOURCE], old_page, KEY_ID_AND_SOURCE,
                  *by_number, &key) < 0 ||
      build_index(&index[KEY_SOURCE], old_page, KEY_SOURCE, 0, &key) < 0)
    goto done;
  for (int k = 0; k < KEY_KINDS; k++)
    for (size_t i = 0; i < new_n; i++) {
      if (match[i]) continue;
      if (pair_key(new_data, &new_pairs[i], k, *by_number, &key) < 0) goto done;
      match[i] = sxs_strmap_chain_first(&index[k].map, key.data, key.len,
                                        index[k].next, claimed);
      if (match[i]) claimed[match[i] - 1] = 1;
    }
  rc = 0;
done:
  for (int k = 0; k < KEY_KINDS; k++) {
    sxs_strmap_free(&index[k].map, NULL);
    free(index[k].next);
  }
  sxs_buf_free(&key);
  return rc;
}

int sxs_diff_pages(const sxs_page *old_page, const sxs_page *new_page,
                   sxs_diff_fn fn, void *ctx, sxs_diff_counts *counts) {
  size_t old_n = old_page ? sxs_page_pair_count(old_page) : 0;
  size_t new_n = new_page ? sxs_page_pair_count(new_page) : 0;
  const sxs_pair *old_pairs = old_page ? sxs_page_pairs(old_page) : NULL;
  const sxs_pair *new_pairs = new_page ? sxs_page_pairs(new_page) : NULL;
  size_t len;
  const char *old_data = old_page ? sxs_page_data(old_page, &len) : NULL;
  const char *new_data = new_page ? sxs_page_data(new_page, &len) : NULL;
  unsigned char *claimed = calloc(old_n ? old_n : 1, 1);
  uintptr_t *match = calloc(new_n ? new_n : 1, sizeof *match);
  int by_number = 0;
  int rc = -1;
  if (!claimed || !match) goto done;
  if (old_n && new_n &&
      match_pairs(old_page, new_page, match, claimed, &by_number) < 0)
    goto done;
  for (size_t i = 0; i < new_n; i++) {
    const sxs_pair *np = &new_pairs[i];
    sxs_diff_change change = {SXS_DIFF_ADDED, NULL, np, 0};
    if (!match[i]) {
      counts->added++;
      if (fn && (rc = fn(ctx, &change)) != 0) goto done;
      continue;
    }
    const sxs_pair *op = &old_pairs[match[i] - 1];
    change.old_pair = op;
    change.renumbered = by_number ? op->number != np->number
                                  : !same_range(old_data, op->id, new_data, np->id);
    if (change.renumbered) counts->renumbered++;
    int source_same = same_range(old_data, op->source, new_data, np->source);
    int target_same = same_range(old_data, op->target, new_data, np->target);
    if (source_same && target_same) counts->same++;
    if (!source_same) {
      counts->source_changed++;
      change.kind = SXS_DIFF_SOURCE_CHANGED;
      if (fn && (rc = fn(ctx, &change)) != 0) goto done;
    }
    if (!target_same) {
      counts->target_changed++;
      change.kind = SXS_DIFF_TARGET_CHANGED;
      if (fn && (rc = fn(ctx, &change)) != 0) goto done;
    }
  }
  for (size_t i = 0; i < old_n; i++) {
    if (claimed[i]) continue;
    sxs_diff_change change = {SXS_DIFF_REMOVED, &old_pairs[i], NULL, 0};
    counts->removed++;
    if (fn && (rc = fn(ctx, &change)) != 0) goto done;
  }
  rc = 0;
done:
  free(claimed);
  free(match);
  return rc;
}

const char *sxs_relative_path(const char *root, const char *path) {
  size_t n = strlen(root);
  while (n > 1 && root[n - 1] == '/') n--;
  if (strncmp(root, path, n) != 0) return path;
  const char *rel = path + n;
  while (*rel == '/') rel++;
  return rel;
}

int sxs_match_trees(const char *old_root, const sxs_path_list *old_list,
                    const char *new_root, const sxs_path_list *new_list,
                    sxs_tree_pair_fn fn, void *ctx) {
  sxs_strmap old_by_rel = SXS_STRMAP_INIT;
  unsigned char *seen = calloc(old_list->count + 1, 1);
  int rc = seen ? 0 : -1;
  for (size_t i = 0; i < old_list->count && rc == 0; i++) {
    const char *rel = sxs_relative_path(old_root, old_list->paths[i]);
    sxs_strmap_entry *e = sxs_strmap_put(&old_by_rel, rel, strlen(rel));
    if (!e) rc = -1;
    else if (!e->value) e->value = (void *)(uintptr_t)(i + 1);
  }
  for (size_t i = 0; i < new_list->count && rc == 0; i++) {
    const char *rel = sxs_relative_path(new_root, new_list->paths[i]);
    uintptr_t o = (uintptr_t)sxs_strmap_get(&old_by_rel, rel, strlen(rel));
    if (o) seen[o - 1] = 1;
    rc = fn(ctx, o ? old_list->paths[o - 1] : NULL, new_list->paths[i]);
  }
  for (size_t i = 0; i < old_list->count && rc == 0; i++)
    if (!seen[i]) rc = fn(ctx, old_list->paths[i], NULL);
  free(seen);
  sxs_strmap_free(&old_by_rel, NULL);
  return rc;
}
