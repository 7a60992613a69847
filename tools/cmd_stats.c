/* sxs stats: pairs, words, characters and translation state per page and in
 * total, as text, JSON or CSV. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "options.h"
#include "pages.h"
#include "sxs/sxs.h"
#include "sxs/sxs_stats.h"

enum stats_format { STATS_TEXT, STATS_JSON, STATS_CSV };

/* The columns, in the order every format writes them. */
#define STATS_FIELDS(X)                                                 \
  X(pairs) X(source_words) X(target_words) X(source_chars)               \
  X(target_chars) X(untranslated) X(empty) X(repetitions) X(repeated_words)

static void json_fields(sxs_buf *out, const sxs_stats *s) {
  const char *sep = "";
#define X(name)                                                  \
  sxs_buf_printf(out, "%s\"" #name "\": %zu", sep, s->name);      \
  sep = ", ";
  STATS_FIELDS(X)
#undef X
}

static void csv_field(sxs_buf *out, const char *s) {
  /* RFC 4180: quote when needed, double the quotes. */
  if (strpbrk(s, ",\"\r\n") == NULL) {
    sxs_buf_puts(out, s);
    return;
  }
  sxs_buf_putc(out, '"');
  for (; *s; s++) {
    if (*s == '"') sxs_buf_putc(out, '"');
    sxs_buf_putc(out, *s);
  }
  sxs_buf_putc(out, '"');
}

static void csv_row(sxs_buf *out, const char *kind, const char *file,
                    const char *locale, const char *type, const sxs_stats *s) {
  csv_field(out, kind);
  sxs_buf_putc(out, ',');
  csv_field(out, file);
  sxs_buf_putc(out, ',');
  csv_field(out, locale);
  sxs_buf_putc(out, ',');
  csv_field(out, type);
#define X(name) sxs_buf_printf(out, ",%zu", s->name);
  STATS_FIELDS(X)
#undef X
  sxs_buf_puts(out, "\r\n");
}

static void text_row(sxs_buf *out, const sxs_stats *s, const char *locale,
                     const char *type, const char *file) {
  sxs_buf_printf(out, "%7zu %9zu %9zu %9zu %9zu %6zu %6zu %6zu %-6s %-2s %s\n",
                 s->pairs, s->source_words, s->target_words, s->source_chars,
                 s->target_chars, s->untranslated, s->empty, s->repetitions,
                 locale[0] ? locale : "-", type[0] ? type : "-", file);
}

static int flush(sxs_buf *out) {
  int ok = fwrite(out->data ? out->data : "", 1, out->len, stdout) == out->len;
  sxs_buf_clear(out);
  return ok ? 0 : -1;
}

/* What a run of stats keeps between pages; only emit, one page at a time,
 * touches it. */
typedef struct stats_output {
  enum stats_format format;
  int total_only;
  sxs_stats_run *run;
  sxs_buf out;
  size_t written;
  int write_failed;
} stats_output;

/* In a worker thread: the counting that needs only the page. */
static void stats_work(sxs_page_job *job, void *ctx) {
  (void)ctx;
  if (!job->page) return;
  sxs_page_count *count = malloc(sizeof *count);
  if (!count || sxs_stats_count_page(job->page, count) < 0) {
    free(count);
    sxs_buf_printf(&job->err, "sxs stats: %s: counting failed (memory or ICU)\n",
                   job->path);
    job->status.trouble = 1;
    return;
  }
  job->user = count;
}

/* In emit, in page order: repetitions, totals and the row. */
static void stats_emit(sxs_page_job *job, void *ctx) {
  stats_output *o = ctx;
  sxs_page_count *count = job->user;
  /* Damage is for 'sxs check'; stats counts the pairs that parse. */
  job->status.errors = 0;
  if (!count) return;
  sxs_stats s;
  int added = sxs_stats_run_add(o->run, job->page, count, &s);
  sxs_page_count_free(count);
  free(count);
  if (added < 0) {
    fprintf(stderr, "sxs stats: %s: out of memory\n", job->path);
    job->status.trouble = 1;
    return;
  }
  const char *locale = sxs_page_locale(job->page);
  const char *type = sxs_page_translation_type(job->page);
  const char *file = job->path;
  sxs_buf *out = &o->out;
  if (o->total_only) {
  } else if (o->format == STATS_TEXT) {
    text_row(out, &s, locale, type, file);
  } else if (o->format == STATS_CSV) {
    csv_row(out, "file", file, locale, type, &s);
  } else {
    sxs_buf_puts(out, o->written ? ",\n  {\"file\": " : "\n  {\"file\": ");
    sxs_json_append_string(out, file, strlen(file));
    sxs_buf_puts(out, ", \"locale\": ");
    sxs_json_append_string(out, locale, strlen(locale));
    sxs_buf_puts(out, ", \"translation_type\": ");
    sxs_json_append_string(out, type, strlen(type));
    sxs_buf_puts(out, ", ");
    json_fields(out, &s);
    sxs_buf_putc(out, '}');
  }
  o->written++;
  if (out->len > 65536 && !o->write_failed && flush(out) < 0)
    o->write_failed = 1;
  if (o->write_failed) sxs_buf_clear(out); /* reported at the end */
}

int cmd_stats(int argc, char **argv) {
  const char *format_name = "text";
  int total_only = 0;
  int jobs = 0;
  const sxs_option options[] = {
      {'f', "format", SXS_OPT_STRING, &format_name, "FORMAT",
       "text (default), json or csv"},
      {'s', "summary", SXS_OPT_FLAG, &total_only, NULL,
       "only the total, not one line per page"},
      {'j', "jobs", SXS_OPT_JOBS, &jobs, "N", NULL},
      {0, NULL, SXS_OPT_END, NULL, NULL, NULL}};
  const sxs_command_usage usage = {
      "stats", "[-f text|json|csv] [-s] [-j N] PATH...",
      "Count pairs, words (ICU word boundaries), characters, untranslated\n"
      "and empty pairs and repetitions, per page and in total."};
  int operands = sxs_parse_options(argc, argv, options, &usage);
  if (operands == -2) return SXS_EXIT_OK;
  if (operands < 0) return SXS_EXIT_TROUBLE;
  enum stats_format format;
  if (strcmp(format_name, "text") == 0) format = STATS_TEXT;
  else if (strcmp(format_name, "json") == 0) format = STATS_JSON;
  else if (strcmp(format_name, "csv") == 0) format = STATS_CSV;
  else {
    fprintf(stderr, "sxs stats: unknown format '%s' (text, json or csv)\n",
            format_name);
    return SXS_EXIT_TROUBLE;
  }
  if (operands == 0) {
    fprintf(stderr, "sxs stats: no PATH given\n");
    sxs_print_usage(stderr, options, &usage);
    return SXS_EXIT_TROUBLE;
  }
  sxs_run_status status = {0, 0};
  stats_output o = {format, total_only, sxs_stats_run_new(), SXS_BUF_INIT, 0,
                    0};
  if (!o.run) {
    fprintf(stderr, "sxs stats: out of memory\n");
    return SXS_EXIT_TROUBLE;
  }
  sxs_buf *out = &o.out;
  if (format == STATS_JSON) sxs_buf_puts(out, "{\"files\": [");
  if (format == STATS_CSV)
    sxs_buf_puts(out, "kind,file,locale,translation_type"
#define X(name) "," #name
                      STATS_FIELDS(X)
#undef X
                      "\r\n");
  if (format == STATS_TEXT && !total_only)
    sxs_buf_printf(out, "%7s %9s %9s %9s %9s %6s %6s %6s %-6s %-2s %s\n",
                   "pairs", "src-words", "tgt-words", "src-chars",
                   "tgt-chars", "untr", "empty", "reps", "locale", "tt",
                   "file");
  sxs_for_each_walked_page(operands, argv, jobs, 1, stats_work, stats_emit,
                           &o, &status);
  const sxs_stats *t = sxs_stats_run_total(o.run);
  char type_counts[64];
  snprintf(type_counts, sizeof type_counts, "MT:%zu HT:%zu", t->mt_pages,
           t->ht_pages);
  if (format == STATS_TEXT) {
    text_row(out, t, "", "", "total");
    sxs_buf_printf(out,
                   "%zu page%s (%zu MT, %zu HT); %zu repeated source words\n",
                   t->pages, t->pages == 1 ? "" : "s", t->mt_pages,
                   t->ht_pages, t->repeated_words);
  } else if (format == STATS_CSV) {
    csv_row(out, "total", "", "", type_counts, t);
  } else {
    sxs_buf_puts(out, o.written && !total_only ? "\n], \"total\": {" : "], \"total\": {");
    sxs_buf_printf(out, "\"pages\": %zu, \"mt_pages\": %zu, \"ht_pages\": %zu, ",
                   t->pages, t->mt_pages, t->ht_pages);
    json_fields(out, t);
    sxs_buf_puts(out, "}}\n");
  }
  if (out->failed || o.write_failed || flush(out) < 0 ||
      fflush(stdout) != 0) {
    fprintf(stderr, "sxs stats: cannot write the output\n");
    status.trouble = 1;
  }
  sxs_buf_free(out);
  sxs_stats_run_free(o.run);
  return sxs_exit_status(&status);
}
