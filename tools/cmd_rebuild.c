/* sxs rebuild: the localized page as published, or the English page. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "commands.h"
#include "options.h"
#include "pages.h"

typedef struct rebuild_run {
  sxs_side side;
  const char *out;
  int out_is_dir;
  char **operands;
} rebuild_run;

static void rebuild_work(sxs_page_job *job, void *ctx) {
  rebuild_run *run = ctx;
  if (!job->page) return;
  int rebuilt = sxs_page_rebuild(job->page, run->side, &job->out);
  sxs_page_job_drop_page(job);
  if (rebuilt < 0) {
    sxs_buf_printf(&job->err, "sxs: %s: out of memory\n", job->path);
    job->status.trouble = 1;
    return;
  }
  if (!run->out || strcmp(run->out, "-") == 0) return;
  /* Files are written by the workers: each page has its own. */
  char err[256];
  char *dest = run->out_is_dir
                   ? sxs_mirror_path(run->out,
                                 run->operands[job->operand],
                                 job->path)
                   : strdup(run->out);
  if (!dest || sxs_write_file_atomic(dest, job->out.data, job->out.len, 1,
                                     err, sizeof err) < 0) {
    sxs_buf_printf(&job->err, "sxs: %s: %s\n", dest ? dest : run->out,
                   dest ? err : "out of memory");
    job->status.trouble = 1;
  }
  free(dest);
  sxs_buf_clear(&job->out);
}

static void rebuild_emit(sxs_page_job *job, void *ctx) {
  (void)ctx;
  if (job->out.len && fwrite(job->out.data, 1, job->out.len, stdout) !=
                          job->out.len) {
    fprintf(stderr, "sxs: standard output: write error\n");
    job->status.trouble = 1;
  }
}

int cmd_rebuild(int argc, char **argv) {
  const char *side_name = "target";
  const char *out = NULL;
  int quiet = 0;
  int jobs = 0;
  const sxs_option options[] = {
      {0, "side", SXS_OPT_STRING, &side_name, "SIDE",
       "target (the published localized page, default) or source (English)"},
      {'o', "output", SXS_OPT_STRING, &out, "OUT",
       "write to OUT: a file for one page, a directory mirroring the tree "
       "for a directory"},
      {'j', "jobs", SXS_OPT_JOBS, &jobs, "N", NULL},
      {'q', "quiet", SXS_OPT_FLAG, &quiet, NULL, "do not print diagnostics"},
      {0, NULL, SXS_OPT_END, NULL, NULL, NULL}};
  const sxs_command_usage usage = {
      "rebuild", "[--side target|source] [-o OUT] [-j N] PATH...",
      "Writes each page with every pair replaced by its TARGET (as published)\n"
      "or its SOURCE. Bytes outside pairs are copied unchanged."};
  int n = sxs_parse_options(argc, argv, options, &usage);
  if (n == -2) return SXS_EXIT_OK;
  if (n < 0) return SXS_EXIT_TROUBLE;
  rebuild_run run = {SXS_SIDE_TARGET, out, 0, argv};
  if (strcmp(side_name, "target") == 0) run.side = SXS_SIDE_TARGET;
  else if (strcmp(side_name, "source") == 0) run.side = SXS_SIDE_SOURCE;
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
  if (out && strcmp(out, "-") != 0) {
    struct stat st;
    for (int i = 0; i < n; i++)
      if (strcmp(argv[i], "-") != 0 && stat(argv[i], &st) == 0 &&
          S_ISDIR(st.st_mode))
        run.out_is_dir = 1;
    if (n > 1 || (stat(out, &st) == 0 && S_ISDIR(st.st_mode)))
      run.out_is_dir = 1;
  }
  sxs_for_each_walked_page(n, argv, jobs, quiet, rebuild_work, rebuild_emit,
                           &run, &status);
  if (fflush(stdout) != 0) status.trouble = 1;
  return sxs_exit_status(&status);
}
