#include "chunks.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct sxs_chunk {
  sxs_chunk *next;
  size_t used, size; /* bytes of data */
  char data[];
};

/* Whole allocations, header included. */
#define CHUNK_MIN 256
#define CHUNK_MAX 65536

char *sxs_chunk_copy(sxs_chunk **chunks, const char *s, size_t len) {
  sxs_chunk *c = *chunks;
  if (!c || c->size - c->used < len + 1) {
    if (len >= SIZE_MAX - sizeof *c) return NULL;
    size_t alloc = !c ? CHUNK_MIN
                   : sizeof *c + c->size < CHUNK_MAX / 2
                       ? 2 * (sizeof *c + c->size)
                       : CHUNK_MAX;
    if (alloc - sizeof *c < len + 1) alloc = sizeof *c + len + 1;
    c = malloc(alloc);
    if (!c) return NULL;
    c->next = *chunks;
    c->used = 0;
    c->size = alloc - sizeof *c;
    *chunks = c;
  }
  char *copy = c->data + c->used;
  if (len) memcpy(copy, s, len);
  copy[len] = '\0';
  c->used += len + 1;
  return copy;
}

void sxs_chunks_free(sxs_chunk *chunks) {
  for (sxs_chunk *c = chunks, *next; c; c = next) {
    next = c->next;
    free(c);
  }
}
