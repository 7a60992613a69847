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

/* Writes data to /dev/shm/sxs-fuzz-PID.SUFFIX (tmpfs: no disk I/O) and
 * returns the path (static). */
static const char *fuzz_file(const void *data, size_t size,
                             const char *suffix) {
  static char path[128];
  snprintf(path, sizeof path, "/dev/shm/sxs-fuzz-%ld.%s", (long)getpid(),
           suffix);
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
