/* The growable arrays of libsxs, private to it: an array of *cap elements
 * of elem bytes that holds count doubles when full (to first when empty). */
#ifndef SXS_LIB_GROW_H
#define SXS_LIB_GROW_H

#include <stdint.h>
#include <stdlib.h>

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

#endif
