/* Strings copied one after the other into chunks and freed all at once,
 * for tables that keep many texts for a whole run (strmap's keys, the
 * consistency store's texts): one allocation per chunk instead of one per
 * string, and freeing does not walk the strings. Private to libsxs. */
#ifndef SXS_LIB_CHUNKS_H
#define SXS_LIB_CHUNKS_H

#include <stddef.h>

typedef struct sxs_chunk sxs_chunk;

/* Copies len bytes of s, then a NUL, into the chunks (*chunks NULL: none
 * yet). Returns the copy, which stays where it is until sxs_chunks_free,
 * or NULL when memory runs out. Chunks grow from 256 bytes to 64 KB; a
 * longer string gets a chunk of its own. */
char *sxs_chunk_copy(sxs_chunk **chunks, const char *s, size_t len);

void sxs_chunks_free(sxs_chunk *chunks);

#endif
