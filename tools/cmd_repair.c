/* sxs repair: undoes mechanical damage to pair markup (entity-escaped
 * quotes), page by page, printing each change. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "commands.h"
#include "options.h"
#include "pages.h"
#include "sxs/sxs_repair.h"

typedef struct repair_run {
  int in_place, dry_run, quiet;
  const char *out;
  int out_is_dir;
  FILE *report; /* where changes are listed */
  size_t pages_changed, changes, doubts;
  sxs_run_status status;
} repair_run;

static void repair_one(repair_run *run, const char *operand, const char *path,
                       sxs_buf *buf) {
  char *data;
  size_t len;
  char err[256];
  if (sxs_read_file(path, &data, &len, err, sizeof err) < 0) {
    fprintf(stderr, "sxs: %s: %s\n", path, err);
    run->status.trouble = 1;
    return;
  }
  sxs_repair_result res = SXS_REPAIR_RESULT_INIT;
  sxs_buf_clear(buf);
  if (sxs_repair_page(data, len, buf, &res) < 0) {
    fprintf(stderr, "sxs: %s: out of memory\n", path);
    run->status.trouble = 1;
    sxs_repair_result_free(&res);
    free(data);
    return;
  }
  if (!run->quiet)
    for (size_t i = 0; i < res.change_count; i++) {
      const sxs_repair_change *c = &res.changes[i];
      fprintf(run->report, "%s:%u:%u: %s \xE2\x86\x92 %s\n", path, c->line,
              c->column, c->before, c->after);
    }
  for (size_t i = 0; i < res.doubt_count; i++) {
    const sxs_repair_doubt *d = &res.doubts[i];
    fprintf(stderr, "%s:%u:%u: warning: %s [repair-doubt]\n", path, d->line,
            d->column, d->message);
  }
  if (res.doubt_count) run->status.errors = 1;
  run->changes += res.change_count;
  run->doubts += res.doubt_count;
  if (res.change_count) run->pages_changed++;

  if (run->dry_run) {
    /* Nothing written. */
  } else if (run->in_place) {
    /* An undamaged page is not rewritten: not even its time changes. */
    if (res.change_count &&
        sxs_write_file_atomic(path, buf->data, buf->len, 0, err,
                              sizeof err) < 0) {
      fprintf(stderr, "sxs: %s: %s\n", path, err);
      run->status.trouble = 1;
    }
  } else if (!run->out || strcmp(run->out, "-") == 0) {
    if (fwrite(buf->data ? buf->data : "", 1, buf->len, stdout) != buf->len) {
      fprintf(stderr, "sxs: standard output: write error\n");
      run->status.trouble = 1;
    }
  } else {
    char *dest = run->out_is_dir ? sxs_mirror_path(run->out, operand, path)
                                 : strdup(run->out);
    if (!dest || sxs_write_file_atomic(dest, buf->data ? buf->data : "",
                                       buf->len, 1, err, sizeof err) < 0) {
      fprintf(stderr, "sxs: %s: %s\n", dest ? dest : run->out,
              dest ? err : "out of memory");
      run->status.trouble = 1;
    }
    free(dest);
  }
  sxs_repair_result_free(&res);
  free(data);
}

int cmd_repair(int argc, char **argv) {
  repair_run run;
  memset(&run, 0, sizeof run);
  const sxs_option options[] = {
      {'i', "in-place", SXS_OPT_FLAG, &run.in_place, NULL,
       "rewrite each damaged page in place (atomically)"},
      {'o', "output", SXS_OPT_STRING, &run.out, "OUT",
       "write to OUT: a file for one page, a directory mirroring the tree "
       "for several"},
      {'n', "dry-run", SXS_OPT_FLAG, &run.dry_run, NULL,
       "list the changes, write nothing"},
      {'q', "quiet", SXS_OPT_FLAG, &run.quiet, NULL,
       "do not list the changes"},
      {0, NULL, SXS_OPT_END, NULL, NULL, NULL}};
  const sxs_command_usage usage = {
      "repair", "[--in-place | -o OUT | --dry-run] PATH...",
      "Restores pair markup damaged by entity escaping, such as\n"
      "<span data-ttu-id=&quot;ID&quot;>, and lists each change as\n"
      "FILE:LINE:COL: BEFORE -> AFTER. Changes nothing it is not sure of."};
  int n = sxs_parse_options(argc, argv, options, &usage);
  if (n == -2) return SXS_EXIT_OK;
  if (n < 0) return SXS_EXIT_TROUBLE;
  if (n == 0 || run.in_place + run.dry_run + (run.out != NULL) > 1) {
    if (n > 0)
      fprintf(stderr,
              "sxs repair: --in-place, -o and --dry-run exclude each other\n");
    sxs_print_usage(stderr, options, &usage);
    return SXS_EXIT_TROUBLE;
  }
  for (int i = 0; i < n; i++)
    if (run.in_place && strcmp(argv[i], "-") == 0) {
      fprintf(stderr, "sxs repair: --in-place cannot rewrite standard input\n");
      return SXS_EXIT_TROUBLE;
    }
  if (run.out && strcmp(run.out, "-") != 0) {
    struct stat st;
    int any_dir = 0;
    for (int i = 0; i < n; i++)
      if (strcmp(argv[i], "-") != 0 && stat(argv[i], &st) == 0 &&
          S_ISDIR(st.st_mode))
        any_dir = 1;
    run.out_is_dir =
        any_dir || n > 1 || (stat(run.out, &st) == 0 && S_ISDIR(st.st_mode));
  }
  /* The page itself may go to standard output: the changes go beside the
   * diagnostics then. */
  int page_to_stdout = !run.in_place && !run.dry_run &&
                       (!run.out || strcmp(run.out, "-") == 0);
  run.report = page_to_stdout ? stderr : stdout;
  sxs_buf buf = SXS_BUF_INIT;
  for (int i = 0; i < n; i++) {
    sxs_path_list list = {0};
    sxs_collect_pages(1, &argv[i], &list, &run.status);
    for (size_t k = 0; k < list.count; k++)
      repair_one(&run, argv[i], list.paths[k], &buf);
    sxs_path_list_free(&list);
  }
  sxs_buf_free(&buf);
  if (!run.quiet)
    fprintf(stderr, "sxs repair: %zu change%s in %zu page%s, %zu left as %s\n",
            run.changes, run.changes == 1 ? "" : "s", run.pages_changed,
            run.pages_changed == 1 ? "" : "s", run.doubts,
            run.doubts == 1 ? "it is" : "they are");
  if (fflush(stdout) != 0) run.status.trouble = 1;
  return sxs_exit_status(&run.status);
}
