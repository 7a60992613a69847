/* Shared by the fuzz targets: readers that take a path get the input
 * through a file of this process's own. */
#ifndef SXS_FUZZ_COMMON_H
#define SXS_FUZZ_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define REQUIRE(cond)   \
  do {                  \
    if (!(cond)) abort(); \
  } while (0)

/* Whether a[0..an) and b[0..bn) hold the same bytes (either may be NULL
 * when empty). */
static int same_bytes(const void *a, size_t an, const void *b, size_t bn) {
  return an == bn && (an == 0 || memcmp(a, b, an) == 0);
}

/* The files this process made, removed when it exits: /dev/shm is memory,
 * and every run used to leave its files there (440 after some days). */
#define FUZZ_MAX_FILES 8
static char fuzz_made[FUZZ_MAX_FILES][128];
static int fuzz_made_count;

static void fuzz_remove_made(void) {
  for (int i = 0; i < fuzz_made_count; i++) unlink(fuzz_made[i]);
}

/* /dev/shm/sxs-fuzz-PID.SUFFIX (tmpfs: no disk I/O), removed at exit; the
 * same path for the same suffix. */
static const char *fuzz_path(const char *suffix) {
  char path[128];
  snprintf(path, sizeof path, "/dev/shm/sxs-fuzz-%ld.%s", (long)getpid(),
           suffix);
  for (int i = 0; i < fuzz_made_count; i++)
    if (strcmp(fuzz_made[i], path) == 0) return fuzz_made[i];
  REQUIRE(fuzz_made_count < FUZZ_MAX_FILES);
  if (fuzz_made_count == 0) atexit(fuzz_remove_made);
  memcpy(fuzz_made[fuzz_made_count], path, sizeof path);
  return fuzz_made[fuzz_made_count++];
}

/* Writes data to fuzz_path(suffix) and returns that path. */
static const char *fuzz_file(const void *data, size_t size,
                             const char *suffix) {
  const char *path = fuzz_path(suffix);
  FILE *f = fopen(path, "wb");
  if (!f) abort();
  if (size && fwrite(data, 1, size, f) != size) abort();
  if (fclose(f) != 0) abort();
  return path;
}

/* A page with pairs for the translation-file targets to merge into. */
static const char fuzz_page_text[] =
    "---\ntitle: T\nms.contentlocale: es-ES\n---\n"
    "# <span data-ttu-id=\"1a2b3-103\">Hola</span><span class=\"sxs-lookup\">"
    "<span data-stu-id=\"1a2b3-103\">Hello</span></span>\n\n"
    "* <span data-ttu-id=\"1a2b3-104\">Uno `x` **dos**.</span><span "
    "class=\"sxs-lookup\"><span data-stu-id=\"1a2b3-104\">One `x` "
    "**two**.</span></span>\n";

#endif
