/* sxs diff: pairs added, removed and changed between two page versions. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strmap.h"
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

/* The key a pair is matched by: its id, or its NUMBER as text. */
static size_t pair_key(const char *data, const sxs_pair *p, int by_number,
                       char *buf, size_t size, const char **key) {
  if (!by_number) {
    *key = data + p->id.start;
    return p->id.end - p->id.start;
  }
  int n = snprintf(buf, size, "#%lu", p->number);
  *key = buf;
  return n > 0 ? (size_t)n : 0;
}

static int build_index(const sxs_page *page, int by_number, sxs_strmap *map,
                       size_t *next_same) {
  size_t len;
  const char *data = sxs_page_data(page, &len);
  const sxs_pair *pairs = sxs_page_pairs(page);
  char buf[32];
  for (size_t i = sxs_page_pair_count(page); i-- > 0;) {
    const char *key;
    size_t n = pair_key(data, &pairs[i], by_number, buf, sizeof buf, &key);
    sxs_strmap_entry *e = sxs_strmap_put(map, key, n);
    if (!e) return -1;
    next_same[i] = (uintptr_t)e->value;
    e->value = (void *)(uintptr_t)(i + 1);
  }
  return 0;
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
  sxs_strmap index = SXS_STRMAP_INIT;
  size_t *next_same = calloc(old_n ? old_n : 1, sizeof *next_same);
  unsigned char *claimed = calloc(old_n ? old_n : 1, 1);
  int rc = -1;
  if (!next_same || !claimed) goto done;

  int by_number = 0;
  if (old_n && new_n) {
    if (build_index(old_page, 0, &index, next_same) < 0) goto done;
    int shared = 0;
    for (size_t i = 0; i < new_n && !shared; i++)
      shared = sxs_strmap_get(&index, new_data + new_pairs[i].id.start,
                              new_pairs[i].id.end - new_pairs[i].id.start) != NULL;
    if (!shared) {
      by_number = 1;
      sxs_strmap_free(&index, NULL);
      if (build_index(old_page, 1, &index, next_same) < 0) goto done;
    }
  }
  char buf[32];
  for (size_t i = 0; i < new_n; i++) {
    const sxs_pair *np = &new_pairs[i];
    const char *key;
    size_t n = pair_key(new_data, np, by_number, buf, sizeof buf, &key);
    uintptr_t found = 0;
    for (uintptr_t c = (uintptr_t)sxs_strmap_get(&index, key, n); c;
         c = next_same[c - 1])
      if (!claimed[c - 1]) {
        found = c;
        break;
      }
    sxs_diff_change change = {SXS_DIFF_ADDED, NULL, np};
    if (!found) {
      counts->added++;
      if (fn && (rc = fn(ctx, &change)) != 0) goto done;
      continue;
    }
    claimed[found - 1] = 1;
    const sxs_pair *op = &old_pairs[found - 1];
    change.old_pair = op;
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
    sxs_diff_change change = {SXS_DIFF_REMOVED, &old_pairs[i], NULL};
    counts->removed++;
    if (fn && (rc = fn(ctx, &change)) != 0) goto done;
  }
  rc = 0;
done:
  sxs_strmap_free(&index, NULL);
  free(next_same);
  free(claimed);
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
