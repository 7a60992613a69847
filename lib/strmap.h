/* A string-keyed hash map (open addressing), private to libsxs. Keys are
 * byte strings copied into the map; values are pointers the caller owns.
 * Used where a run must remember what it has seen: merge (units by page and
 * id), stats (repeated sources), align and diff (pages and pairs). */
#ifndef SXS_LIB_STRMAP_H
#define SXS_LIB_STRMAP_H

#include <stddef.h>

typedef struct sxs_strmap_entry {
  char *key;
  size_t key_len;
  size_t hash;
  void *value;
} sxs_strmap_entry;

typedef struct sxs_strmap {
  sxs_strmap_entry *slots;
  size_t cap;   /* a power of two, or 0 */
  size_t count;
  struct sxs_chunk *chunks; /* where the keys are copied (chunks.h) */
} sxs_strmap;

#define SXS_STRMAP_INIT {0, 0, 0, 0}

/* The value stored for key, or NULL. */
void *sxs_strmap_get(const sxs_strmap *map, const char *key, size_t len);

/* Finds or inserts key. Returns the entry (value NULL when it is new), or
 * NULL when memory ran out. The pointer is valid until the next insert. */
sxs_strmap_entry *sxs_strmap_put(sxs_strmap *map, const char *key,
                                 size_t len);

/* Chains of items (numbered from 0) under one key: the key's value is the
 * first item's number + 1, and next[i] that of the item after item i (0 at
 * the end). sxs_strmap_chain_push puts item at the head of its key's chain
 * (push in reverse to keep the items in order); returns -1 when memory ran
 * out. sxs_strmap_chain_first returns the number + 1 of the first item of
 * key's chain not marked in taken, or 0. It moves the key's head past the
 * marked items for good, so a mark must never be undone; then taking the k
 * items of a chain one by one costs k steps in all, not k squared. */
int sxs_strmap_chain_push(sxs_strmap *map, const char *key, size_t len,
                          size_t *next, size_t item);
size_t sxs_strmap_chain_first(sxs_strmap *map, const char *key, size_t len,
                              const size_t *next, const unsigned char *taken);

/* Calls free_value (may be NULL) on each value, then frees the map. */
void sxs_strmap_free(sxs_strmap *map, void (*free_value)(void *));

#endif
