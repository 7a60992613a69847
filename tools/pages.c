#include "pages.h"

#include <stdio.h>
#include <stdlib.h>

#include "options.h"

static void walk_error(void *ctx, const char *path, const char *message) {
  sxs_run_status *status = ctx;
  fprintf(stderr, "sxs: %s: %s\n", path, message);
  status->trouble = 1;
}

void sxs_collect_pages(int count, char **operands, sxs_path_list *list,
                       sxs_run_status *status) {
  for (int i = 0; i < count; i++)
    sxs_walk(operands[i], list, walk_error, status);
}

void sxs_report_page(const char *path, const sxs_page *page,
                     sxs_run_status *status) {
  size_t n = sxs_page_diag_count(page);
  const sxs_diag *d = sxs_page_diags(page);
  for (size_t i = 0; i < n; i++) sxs_diag_print(stderr, path, &d[i]);
  if (sxs_page_error_count(page) > 0) status->errors = 1;
}

sxs_page *sxs_load_page(const char *path, int quiet, sxs_run_status *status) {
  char *data;
  size_t len;
  char err[256];
  if (sxs_read_file(path, &data, &len, err, sizeof err) < 0) {
    fprintf(stderr, "sxs: %s: %s\n", path, err);
    status->trouble = 1;
    return NULL;
  }
  sxs_page *page = sxs_page_adopt(data, len);
  if (!page) {
    fprintf(stderr, "sxs: %s: out of memory\n", path);
    status->trouble = 1;
    return NULL;
  }
  if (!quiet) sxs_report_page(path, page, status);
  else if (sxs_page_error_count(page) > 0) status->errors = 1;
  return page;
}

int sxs_exit_status(const sxs_run_status *status) {
  if (status->trouble) return SXS_EXIT_TROUBLE;
  if (status->errors) return SXS_EXIT_FINDINGS;
  return SXS_EXIT_OK;
}
