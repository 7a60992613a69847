/* Bytes written at the end and read back at any offset, by any number of
 * readers at once: in memory up to sxs_spool_memory bytes, then in a
 * temporary file in $TMPDIR (else /tmp) unlinked as soon as it is made, so
 * that nothing is left behind whatever becomes of the run. Without room
 * for the file the bytes stay in memory and the run goes on. What check
 * keeps of a run (its findings, its consistency log) goes through one, so
 * that its memory does not grow with the corpus. Private to libsxs. */
#ifndef SXS_LIB_SPOOL_H
#define SXS_LIB_SPOOL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "sxs/sxs_buf.h"

/* Bytes kept in memory before they go to the file (4 MB); the unit tests
 * lower it to send small runs through the file. */
extern size_t sxs_spool_memory;

typedef struct sxs_spool {
  sxs_buf memory; /* the bytes after the file's */
  FILE *file;
  uint64_t file_size;
  int no_file; /* no temporary file could be made */
} sxs_spool;

/* A reader's window on the file. */
typedef struct sxs_spool_window {
  uint64_t start;
  size_t len;
  char data[65536];
} sxs_spool_window;

/* Appends len bytes. Returns -1 when out of memory or when the file
 * cannot be written. */
int sxs_spool_append(sxs_spool *spool, const void *data, size_t len);

/* Moves the bytes held in memory to the file, when there is one. */
int sxs_spool_flush(sxs_spool *spool);

uint64_t sxs_spool_size(const sxs_spool *spool);

/* Copies the n bytes at offset into dst, through the reader's window.
 * Returns -1 when they are not all there or cannot be read. */
int sxs_spool_read(const sxs_spool *spool, sxs_spool_window *window,
                   uint64_t offset, void *dst, size_t n);

void sxs_spool_free(sxs_spool *spool);

#endif
