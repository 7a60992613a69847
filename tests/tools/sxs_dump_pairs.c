/* What libsxs sees in pages, straight from the API (no writer in between), for
 * the corpus tests.
 *
 *   sxs_dump_pairs PAGE...
 *       one line per pair: PATH<TAB>INDEX<TAB>CONTEXT<TAB>LINE<TAB>COL<TAB>ID
 *       (INDEX from 0); diagnostics go to stderr as sxs_diag_print writes
 *       them; exit 1 when there was any diagnostic, 2 on I/O errors.
 *   sxs_dump_pairs --identity PAGE...
 *       writes each page back with sxs_page_replace_targets, keeping every
 *       TARGET, then replacing each by a copy of itself; prints "PATH: ...
 *       differs at byte N" for each page that does not come back byte for
 *       byte, and exits 1 if any.
 *   sxs_dump_pairs --rebuild target|source PAGE
 *       the monolingual page, by sxs_page_rebuild, on stdout. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sxs/sxs_io.h"
#include "sxs/sxs_page.h"
#include "sxs/sxs_rebuild.h"

static sxs_page *load(const char *path) {
  char *data;
  size_t len;
  char err[256];
  if (sxs_read_file(path, &data, &len, err, sizeof err) != 0) {
    fprintf(stderr, "%s: %s\n", path, err);
    return NULL;
  }
  sxs_page *page = sxs_page_adopt(data, len);
  if (!page) fprintf(stderr, "%s: out of memory\n", path);
  return page;
}

static int dump(const char *path) {
  sxs_page *page = load(path);
  if (!page) return 2;
  size_t data_len;
  const char *data = sxs_page_data(page, &data_len);
  const sxs_pair *pairs = sxs_page_pairs(page);
  size_t count = sxs_page_pair_count(page);
  char context[128];
  for (size_t i = 0; i < count; i++) {
    sxs_context_format(&pairs[i].context, context, sizeof context);
    printf("%s\t%zu\t%s\t%u\t%u\t%.*s\n", path, i, context, pairs[i].line,
           pairs[i].column, (int)(pairs[i].id.end - pairs[i].id.start),
           data + pairs[i].id.start);
  }
  size_t diag_count = sxs_page_diag_count(page);
  const sxs_diag *diags = sxs_page_diags(page);
  for (size_t i = 0; i < diag_count; i++)
    sxs_diag_print(stderr, path, &diags[i]);
  sxs_page_free(page);
  return diag_count ? 1 : 0;
}

/* Writes the page back twice: keeping every TARGET (all NULL), and
 * replacing every TARGET by a copy of itself, which takes the replacement
 * path; both must give the page's bytes. */
static int identity(const char *path) {
  sxs_page *page = load(path);
  if (!page) return 2;
  size_t len;
  const char *data = sxs_page_data(page, &len);
  size_t count = sxs_page_pair_count(page);
  const sxs_pair *pairs = sxs_page_pairs(page);
  /* calloc(0) may return NULL; one spare element keeps it simple. */
  sxs_text *targets = calloc(count + 1, sizeof *targets);
  int status = 0;
  if (!targets) {
    fprintf(stderr, "%s: out of memory\n", path);
    sxs_page_free(page);
    return 2;
  }
  for (int pass = 0; pass < 2 && status == 0; pass++) {
    if (pass == 1)
      for (size_t i = 0; i < count; i++) {
        targets[i].data = data + pairs[i].target.start;
        targets[i].len = pairs[i].target.end - pairs[i].target.start;
      }
    sxs_buf out = SXS_BUF_INIT;
    if (sxs_page_replace_targets(page, targets, &out) != 0 || out.failed) {
      fprintf(stderr, "%s: write-back failed\n", path);
      status = 2;
    } else if (out.len != len || memcmp(out.data, data, len) != 0) {
      size_t at = 0;
      while (at < len && at < out.len && out.data[at] == data[at]) at++;
      printf("%s: %s differs at byte %zu (page %zu bytes, written %zu)\n",
             path, pass ? "self-replaced" : "kept", at, len, out.len);
      status = 1;
    }
    sxs_buf_free(&out);
  }
  free(targets);
  sxs_page_free(page);
  return status;
}

static int rebuild(const char *path, sxs_side side) {
  sxs_page *page = load(path);
  if (!page) return 2;
  sxs_buf out = SXS_BUF_INIT;
  int status = 0;
  if (sxs_page_rebuild(page, side, &out) != 0 || out.failed) {
    fprintf(stderr, "%s: rebuild failed\n", path);
    status = 2;
  } else {
    fwrite(out.data, 1, out.len, stdout);
  }
  sxs_buf_free(&out);
  sxs_page_free(page);
  return status;
}

static int usage(void) {
  fprintf(stderr,
          "usage: sxs_dump_pairs PAGE...\n"
          "       sxs_dump_pairs --identity PAGE...\n"
          "       sxs_dump_pairs --rebuild target|source PAGE\n");
  return 2;
}

int main(int argc, char **argv) {
  if (argc < 2) return usage();
  int status = 0;
  if (strcmp(argv[1], "--rebuild") == 0) {
    if (argc != 4) return usage();
    if (strcmp(argv[2], "target") == 0) return rebuild(argv[3], SXS_SIDE_TARGET);
    if (strcmp(argv[2], "source") == 0) return rebuild(argv[3], SXS_SIDE_SOURCE);
    return usage();
  }
  int check_identity = strcmp(argv[1], "--identity") == 0;
  int first = check_identity ? 2 : 1;
  if (first == argc) return usage();
  for (int i = first; i < argc; i++) {
    int rc = check_identity ? identity(argv[i]) : dump(argv[i]);
    if (rc > status) status = rc;
  }
  return status;
}
