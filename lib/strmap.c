#include "strmap.h"

#include "chunks.h"
#include "grow.h"
#include "hash.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static size_t hash_bytes(const char *key, size_t len) {
  return (size_t)sxs_hash_bytes(key, len);
}

static sxs_strmap_entry *find_slot(sxs_strmap_entry *slots, size_t cap,
                                   const char *key, size_t len, size_t hash) {
  size_t mask = cap - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    sxs_strmap_entry *e = &slots[i];
    if (!e->key) return e;
    if (e->hash == hash && e->key_len == len && memcmp(e->key, key, len) == 0)
      return e;
  }
}

void *sxs_strmap_get(const sxs_strmap *map, const char *key, size_t len) {
  if (map->cap == 0) return NULL;
  if (!key) key = ""; /* an empty buffer's NULL data: memcmp wants a pointer */
  sxs_strmap_entry *e =
      find_slot(map->slots, map->cap, key, len, hash_bytes(key, len));
  return e->key ? e->value : NULL;
}

static int grow(sxs_strmap *map) {
  size_t cap = map->cap ? map->cap * 2 : 64;
  sxs_strmap_entry *slots = sxs_zeroed(cap, sizeof *slots);
  if (!slots) return -1;
  for (size_t i = 0; i < map->cap; i++) {
    sxs_strmap_entry *old = &map->slots[i];
    if (!old->key) continue;
    *find_slot(slots, cap, old->key, old->key_len, old->hash) = *old;
  }
  free(map->slots);
  map->slots = slots;
  map->cap = cap;
  return 0;
}

sxs_strmap_entry *sxs_strmap_put(sxs_strmap *map, const char *key,
                                 size_t len) {
  if ((map->count + 1) * 4 > map->cap * 3 && grow(map) < 0) return NULL;
  if (!key) key = "";
  size_t hash = hash_bytes(key, len);
  sxs_strmap_entry *e = find_slot(map->slots, map->cap, key, len, hash);
  if (e->key) return e;
  char *copy = sxs_chunk_copy(&map->chunks, key, len);
  if (!copy) return NULL;
  e->key = copy;
  e->key_len = len;
  e->hash = hash;
  e->value = NULL;
  map->count++;
  return e;
}

int sxs_strmap_chain_push(sxs_strmap *map, const char *key, size_t len,
                          size_t *next, size_t item) {
  sxs_strmap_entry *e = sxs_strmap_put(map, key, len);
  if (!e) return -1;
  next[item] = (uintptr_t)e->value;
  e->value = (void *)(uintptr_t)(item + 1);
  return 0;
}

size_t sxs_strmap_chain_first(sxs_strmap *map, const char *key, size_t len,
                              const size_t *next, const unsigned char *taken) {
  size_t head = (uintptr_t)sxs_strmap_get(map, key, len);
  size_t c = head;
  while (c && taken[c - 1]) c = next[c - 1];
  if (c != head) {
    /* The key is in the map: put finds it without allocating. */
    sxs_strmap_entry *e = sxs_strmap_put(map, key, len);
    if (e) e->value = (void *)(uintptr_t)c;
  }
  return c;
}

void sxs_strmap_free(sxs_strmap *map, void (*free_value)(void *)) {
  if (free_value)
    for (size_t i = 0; i < map->cap; i++)
      if (map->slots[i].key) free_value(map->slots[i].value);
  free(map->slots);
  sxs_chunks_free(map->chunks);
  map->slots = NULL;
  map->chunks = NULL;
  map->cap = map->count = 0;
}
