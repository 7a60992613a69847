/* sxs rebuild: the localized page as published, or the English page. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "commands.h"
#include "options.h"
#include "pages.h"

/* OUT/relative, where relative is the page's path below the operand. */
static char *mirror_path(const char *out_dir, const char *operand,
                         const char *page) {
  size_t n = strlen(operand);
  while (n > 1 && operand[n - 1] == '/') n--;
  const char *rel = page;
  if (strncmp(page, operand, n) == 0 && page[n] == '/') rel = page + n + 1;
  else {
    const char *slash = strrchr(page, '/');
    rel = slash ? slash + 1 : page;
  }
  size_t len = strlen(out_dir) + 1 + strlen(rel) + 1;
  char *p = malloc(len);
  if (p) snprintf(p, len, "%s/%s", out_dir, rel);
  return p;
}

int cmd_rebuild(int argc, char **argv) {
  const char *side_name = "target";
  const char *out = NULL;
  int quiet = 0;
  const sxs_option options[] = {
      {0, "side", SXS_OPT_STRING, &side_name, "SIDE",
       "target (the published localized page, default) or source (English)"},
      {'o', "output", SXS_OPT_STRING, &out, "OUT",
       "write to OUT: a file for one page, a directory mirroring the tree "
       "for a directory"},
      {'q', "quiet", SXS_OPT_FLAG, &quiet, NULL, "do not print diagnostics"},
      {0, NULL, SXS_OPT_END, NULL, NULL, NULL}};
  const sxs_command_usage usage = {
      "rebuild", "[--side target|source] [-o OUT] PATH...",
      "Writes each page with every pair replaced by its TARGET (as published)\n"
      "or its SOURCE. Bytes outside pairs are copied unchanged."};
  int n = sxs_parse_options(argc, argv, options, &usage);
  if (n == -2) return SXS_EXIT_OK;
  if (n < 0) return SXS_EXIT_TROUBLE;
  sxs_side side;
  if (strcmp(side_name, "target") == 0) side = SXS_SIDE_TARGET;
  else if (strcmp(side_name, "source") == 0) side = SXS_SIDE_SOURCE;
  else {
    fprintf(stderr, "sxs rebuild: --side is target or source, not '%s'\n",
            side_name);
    return SXS_EXIT_TROUBLE;
  }
  if (n == 0) {
    sxs_print_usage(stderr, options, &usage);
    return SXS_EXIT_TROUBLE;
  }
  sxs_run_status status = {0, 0};
  int out_is_dir = 0;
  if (out) {
    struct stat st;
    int any_dir = 0;
    for (int i = 0; i < n; i++)
      if (strcmp(argv[i], "-") != 0 && stat(argv[i], &st) == 0 &&
          S_ISDIR(st.st_mode))
        any_dir = 1;
    out_is_dir = any_dir || n > 1 || (stat(out, &st) == 0 && S_ISDIR(st.st_mode));
  }
  sxs_buf buf = SXS_BUF_INIT;
  for (int i = 0; i < n; i++) {
    sxs_path_list list = {0};
    sxs_collect_pages(1, &argv[i], &list, &status);
    for (size_t k = 0; k < list.count; k++) {
      const char *path = list.paths[k];
      sxs_page *page = sxs_load_page(path, quiet, &status);
      if (!page) continue;
      sxs_buf_clear(&buf);
      if (sxs_page_rebuild(page, side, &buf) < 0) {
        fprintf(stderr, "sxs: %s: out of memory\n", path);
        status.trouble = 1;
      } else if (!out || strcmp(out, "-") == 0) {
        if (fwrite(buf.data, 1, buf.len, stdout) != buf.len) {
          fprintf(stderr, "sxs: standard output: write error\n");
          status.trouble = 1;
        }
      } else {
        char err[256];
        char *dest = out_is_dir ? mirror_path(out, argv[i], path) : strdup(out);
        if (!dest || sxs_write_file_atomic(dest, buf.data, buf.len, 1, err,
                                           sizeof err) < 0) {
          fprintf(stderr, "sxs: %s: %s\n", dest ? dest : out,
                  dest ? err : "out of memory");
          status.trouble = 1;
        }
        free(dest);
      }
      sxs_page_free(page);
    }
    sxs_path_list_free(&list);
  }
  sxs_buf_free(&buf);
  if (fflush(stdout) != 0) status.trouble = 1;
  return sxs_exit_status(&status);
}
