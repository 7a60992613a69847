#include "spool.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

size_t sxs_spool_memory = 4u << 20;

/* A temporary file in $TMPDIR (else /tmp), unlinked at once. */
static FILE *spool_file(void) {
  const char *dir = getenv("TMPDIR");
  if (!dir || !*dir) dir = "/tmp";
  size_t len = strlen(dir) + sizeof "/sxs-spool-XXXXXX";
  char *name = malloc(len);
  if (!name) return NULL;
  snprintf(name, len, "%s/sxs-spool-XXXXXX", dir);
  int fd = mkstemp(name);
  FILE *f = NULL;
  if (fd >= 0) {
    unlink(name);
    f = fdopen(fd, "w+");
    if (!f) close(fd);
  }
  free(name);
  return f;
}

int sxs_spool_flush(sxs_spool *sp) {
  if (sp->no_file || !sp->memory.len) return 0;
  if (!sp->file && !(sp->file = spool_file())) {
    sp->no_file = 1;
    return 0;
  }
  if (fwrite(sp->memory.data, 1, sp->memory.len, sp->file) != sp->memory.len ||
      fflush(sp->file) != 0)
    return -1;
  sp->file_size += sp->memory.len;
  sxs_buf_clear(&sp->memory);
  return 0;
}

int sxs_spool_append(sxs_spool *sp, const void *data, size_t len) {
  if (sxs_buf_append(&sp->memory, data, len) < 0) return -1;
  if (sp->memory.len >= sxs_spool_memory) return sxs_spool_flush(sp);
  return 0;
}

uint64_t sxs_spool_size(const sxs_spool *sp) {
  return sp->file_size + sp->memory.len;
}

int sxs_spool_read(const sxs_spool *sp, sxs_spool_window *w, uint64_t offset,
                   void *dst, size_t n) {
  char *out = dst;
  while (n) {
    if (offset >= sp->file_size) {
      uint64_t at = offset - sp->file_size;
      if (at > sp->memory.len || n > sp->memory.len - at) return -1;
      memcpy(out, sp->memory.data + at, n);
      return 0;
    }
    uint64_t in_file = sp->file_size - offset;
    if (n >= sizeof w->data && in_file >= sizeof w->data) {
      /* A large read skips the window. */
      size_t want = n < in_file ? n : (size_t)in_file;
      ssize_t got = pread(fileno(sp->file), out, want, (off_t)offset);
      if (got <= 0) return -1;
      out += got;
      offset += (uint64_t)got;
      n -= (size_t)got;
      continue;
    }
    if (offset < w->start || offset >= w->start + w->len) {
      size_t want =
          in_file < sizeof w->data ? (size_t)in_file : sizeof w->data;
      ssize_t got = pread(fileno(sp->file), w->data, want, (off_t)offset);
      if (got <= 0) return -1;
      w->start = offset;
      w->len = (size_t)got;
    }
    size_t in = (size_t)(w->start + w->len - offset);
    size_t take = in < n ? in : n;
    memcpy(out, w->data + (offset - w->start), take);
    out += take;
    offset += take;
    n -= take;
  }
  return 0;
}

void sxs_spool_free(sxs_spool *sp) {
  sxs_buf_free(&sp->memory);
  if (sp->file) fclose(sp->file);
  memset(sp, 0, sizeof *sp);
}
