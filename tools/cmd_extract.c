/* sxs extract: the pairs of pages as jsonl, tsv, po, xliff or tmx. Pages are
 * read and parsed by several threads and written in order, one page at
 * a time; only a few pages per thread are in memory at once (po excepted:
 * libgettextpo holds the catalog). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "options.h"
#include "pages.h"
#include "sxs/sxs.h"

typedef struct extract_run {
  sxs_extract_writer *writer;
  sxs_format format;
  int write_failed;
} extract_run;

/* JSON Lines and TSV are formatted by the workers; the XML and PO writers
 * keep document state and write in emit, one page at a time. */
static int formatted_in_workers(sxs_format format) {
  return format == SXS_FORMAT_JSONL || format == SXS_FORMAT_TSV;
}

static void extract_work(sxs_page_job *job, void *ctx) {
  extract_run *run = ctx;
  if (!job->page || !formatted_in_workers(run->format)) return;
  size_t replaced = 0;
  if (sxs_extract_format_page(run->format, job->path, job->page, &job->out,
                              &job->err, &replaced) < 0) {
    sxs_buf_printf(&job->err, "sxs: %s: out of memory\n", job->path);
    job->status.trouble = 1;
  }
  job->user = (void *)(uintptr_t)replaced;
  sxs_page_job_drop_page(job);
}

static void extract_emit(sxs_page_job *job, void *ctx) {
  extract_run *run = ctx;
  if (!job->loaded || run->write_failed) return;
  int rc;
  if (formatted_in_workers(run->format))
    rc = sxs_extract_add_formatted(run->writer, job->out.data, job->out.len,
                                   job->pairs, (size_t)(uintptr_t)job->user);
  else
    rc = sxs_extract_add_page(run->writer, job->path, job->page);
  if (rc < 0) run->write_failed = 1; /* sxs_extract_finish says why */
}

int cmd_extract(int argc, char **argv) {
  const char *format_name = "jsonl";
  const char *output = NULL;
  int quiet = 0;
  int jobs = 0;
  int inline_codes = 0;
  const sxs_option options[] = {
      {'f', "format", SXS_OPT_STRING, &format_name, "FORMAT",
       "jsonl (default), tsv, po, xliff or tmx"},
      {'o', "output", SXS_OPT_STRING, &output, "FILE",
       "write to FILE (replaced whole at the end) instead of stdout"},
      {'j', "jobs", SXS_OPT_JOBS, &jobs, "N", NULL},
      {'q', "quiet", SXS_OPT_FLAG, &quiet, NULL,
       "do not print the pages' diagnostics"},
      {0, "inline-codes", SXS_OPT_FLAG, &inline_codes, NULL,
       "xliff, tmx: code spans, HTML tags, autolinks, links as inline codes"},
      {0, NULL, SXS_OPT_END, NULL, NULL, NULL}};
  const sxs_command_usage usage = {
      "extract",
      "[-f jsonl|tsv|po|xliff|tmx] [--inline-codes] [-o FILE] [-j N] [-q] "
      "PATH...",
      "Write the pairs (id, SOURCE, TARGET, position) of SxS pages. A PATH\n"
      "is a page, a directory (searched for *.md) or - for standard input."};

  int operands = sxs_parse_options(argc, argv, options, &usage);
  if (operands == -2) return SXS_EXIT_OK;
  if (operands < 0) return SXS_EXIT_TROUBLE;
  int format = sxs_format_from_name(format_name);
  if (format < 0) {
    fprintf(stderr,
            "sxs extract: unknown format '%s' (jsonl, tsv, po, xliff or "
            "tmx)\n",
            format_name);
    return SXS_EXIT_TROUBLE;
  }
  if (operands == 0) {
    fprintf(stderr, "sxs extract: no PATH given\n");
    sxs_print_usage(stderr, options, &usage);
    return SXS_EXIT_TROUBLE;
  }

  sxs_run_status status = {0, 0};

  char err[640];
  sxs_extract_writer *writer =
      sxs_extract_writer_new((sxs_format)format, output, err, sizeof err);
  if (!writer) {
    fprintf(stderr, "sxs extract: %s\n", err);
    return SXS_EXIT_TROUBLE;
  }
  if (inline_codes && sxs_extract_set_inline_codes(writer, 1) < 0) {
    fprintf(stderr,
            "sxs extract: --inline-codes is for -f xliff and -f tmx only\n");
    sxs_extract_abort(writer);
    return SXS_EXIT_TROUBLE;
  }
  extract_run run = {writer, (sxs_format)format, 0};
  sxs_for_each_walked_page(operands, argv, jobs, quiet, extract_work,
                           extract_emit, &run, &status);
  if (sxs_extract_finish(writer, err, sizeof err) < 0) {
    fprintf(stderr, "sxs extract: %s\n", err);
    status.trouble = 1;
  }
  return sxs_exit_status(&status);
}
