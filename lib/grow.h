/* The growable arrays of libsxs, private to it: an array of *cap elements
 * of elem bytes that holds count doubles when full (to first when empty). */
#ifndef SXS_LIB_GROW_H
#define SXS_LIB_GROW_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Room for one more element. Returns the array to use from now on, moved
 * or not, or NULL when memory runs out (array and *cap then unchanged). */
static inline void *sxs_grow(void *array, size_t *cap, size_t count,
                             size_t elem, size_t first) {
  if (count < *cap) return array;
  size_t n = *cap ? *cap * 2 : first;
  if (n < *cap || n > SIZE_MAX / elem) return NULL;
  void *grown = realloc(array, n * elem);
  if (grown) *cap = n;
  return grown;
}

/* A zeroed array of n elements of elem bytes, every page of it written now.
 * calloc leaves a fresh block's pages unmapped, and a hash table is read
 * before it is written: the read maps the shared zero page, and the write
 * after it must replace that page, which in a process with threads flushes
 * the other CPUs' TLBs by interprocessor interrupt (see sxs_buf_reserve).
 * Written at once, each page costs one fault. NULL when out of memory. */
static inline void *sxs_zeroed(size_t n, size_t elem) {
  if (elem && n > SIZE_MAX / elem) return NULL;
  size_t bytes = n * elem;
  void *array = malloc(bytes ? bytes : 1);
  if (array) memset(array, 0, bytes);
  return array;
}

#endif
