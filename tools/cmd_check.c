/* sxs check: translation QA over pages and whole corpora. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "pages.h"
#include "sxs/sxs.h"
#include "sxs/sxs_check.h"

/* Applies "--enable a,b" / "--disable a,b": each item a check name, a
 * family word or "all". Returns -1 after a message for an unknown name. */
static int apply_list(sxs_checker *checker, const sxs_string_list *list,
                      int enable) {
  for (int i = 0; i < list->count; i++) {
    char *copy = strdup(list->items[i]);
    if (!copy) return -1;
    for (char *save = NULL, *name = strtok_r(copy, ",", &save); name;
         name = strtok_r(NULL, ",", &save)) {
      while (*name == ' ') name++;
      if (!*name) continue;
      if (sxs_checker_set_level(checker, name, enable ? -1 : SXS_LEVEL_OFF) ==
          0) {
        fprintf(stderr,
                "sxs check: unknown check '%s' (see 'sxs check --list')\n",
                name);
        free(copy);
        return -1;
      }
    }
    free(copy);
  }
  return 0;
}

static int apply_severity(sxs_checker *checker, const sxs_string_list *list) {
  for (int i = 0; i < list->count; i++) {
    const char *item = list->items[i];
    const char *eq = strchr(item, '=');
    int level = eq ? sxs_check_level_from_name(eq + 1) : -1;
    if (!eq || level < 0) {
      fprintf(stderr,
              "sxs check: --severity wants CHECK=error|warning|info|off, "
              "not '%s'\n",
              item);
      return -1;
    }
    char name[128];
    snprintf(name, sizeof name, "%.*s", (int)(eq - item), item);
    if (sxs_checker_set_level(checker, name, level) == 0) {
      fprintf(stderr, "sxs check: unknown check '%s'\n", name);
      return -1;
    }
  }
  return 0;
}

static void list_checks(const sxs_checker *checker) {
  for (size_t i = 0; i < sxs_check_count(); i++) {
    const sxs_check_info *info = sxs_check_info_at(i);
    printf("%-24s %-8s %s\n", info->name,
           sxs_check_level_name(sxs_checker_level(checker, (int)i)),
           info->summary);
  }
}

/* Workers check pages (sxs_checker_check_page reads the checker only);
 * the main thread adds the results in the order of the list, so the
 * findings and the consistency over the corpus do not depend on -j. */
static void check_work(sxs_page_job *job, void *ctx) {
  sxs_checker *checker = ctx;
  /* The parser's diagnostics are findings (pair-structure), counted by
   * level like the others: only I/O trouble is taken from loading. */
  job->status.errors = 0;
  if (!job->page) return;
  job->user = sxs_checker_check_page(checker, job->path, job->page);
  sxs_page_job_drop_page(job); /* the result holds copies */
  if (!job->user) {
    sxs_buf_printf(&job->err, "sxs check: %s: out of memory\n", job->path);
    job->status.trouble = 1;
  }
}

static void check_emit(sxs_page_job *job, void *ctx) {
  sxs_checker *checker = ctx;
  if (!job->user) return;
  if (sxs_checker_add_result(checker, job->user) < 0) {
    fprintf(stderr, "sxs check: %s: out of memory\n", job->path);
    job->status.trouble = 1;
  }
  job->user = NULL;
}

int cmd_check(int argc, char **argv) {
  const char *format_name = "text";
  const char *fail_on = "error";
  const char *baseline = NULL;
  const char *write_baseline = NULL;
  const char *locale = NULL;
  const char *glossary = NULL;
  const char *locales_dir = NULL;
  int list = 0;
  int jobs = 0;
  sxs_string_list enable = {0}, disable = {0}, severity = {0};
  const sxs_option options[] = {
      {'f', "format", SXS_OPT_STRING, &format_name, "FORMAT",
       "text (default), json (JSON Lines), sarif or junit"},
      {0, "enable", SXS_OPT_LIST, &enable, "LIST",
       "checks or families to run (comma-separated; 'all')"},
      {0, "disable", SXS_OPT_LIST, &disable, "LIST",
       "checks or families not to run"},
      {0, "severity", SXS_OPT_LIST, &severity, "CHECK=LEVEL",
       "set the level of a check: error, warning, info or off"},
      {0, "fail-on", SXS_OPT_STRING, &fail_on, "LEVEL",
       "exit 1 when a finding at or above LEVEL exists (default error)"},
      {0, "baseline", SXS_OPT_STRING, &baseline, "FILE",
       "count only findings not in this baseline"},
      {0, "write-baseline", SXS_OPT_STRING, &write_baseline, "FILE",
       "write the fingerprints of every finding to FILE"},
      {0, "locale", SXS_OPT_STRING, &locale, "LOCALE",
       "the expected target locale (default: each page's ms.contentlocale)"},
      {0, "glossary", SXS_OPT_STRING, &glossary, "FILE",
       "TBX or CSV (term,translation[,note]) glossary"},
      {0, "locales-dir", SXS_OPT_STRING, &locales_dir, "DIR",
       "where the locale rules (NAME.conf) are"},
      {'j', "jobs", SXS_OPT_JOBS, &jobs, "N", NULL},
      {0, "list", SXS_OPT_FLAG, &list, NULL, "list the checks and exit"},
      {0, NULL, SXS_OPT_END, NULL, NULL, NULL}};
  const sxs_command_usage usage = {
      "check", "[options] PATH...",
      "Find translation defects in SxS pages: links, code, emphasis, HTML,\n"
      "numbers, URLs, untranslated or empty targets, white space,\n"
      "punctuation, repeated words, consistency, glossary, length, locale."};
  int status_code = SXS_EXIT_TROUBLE;
  sxs_checker *checker = NULL;
  int operands = sxs_parse_options(argc, argv, options, &usage);
  if (operands == -2) {
    status_code = SXS_EXIT_OK;
    goto done;
  }
  if (operands < 0) goto done;
  checker = sxs_checker_new();
  if (!checker) {
    fprintf(stderr, "sxs check: out of memory\n");
    goto done;
  }
  int format = sxs_check_format_from_name(format_name);
  int fail_level = sxs_check_level_from_name(fail_on);
  if (format < 0) {
    fprintf(stderr, "sxs check: unknown format '%s' (text, json, sarif, junit)\n",
            format_name);
    goto done;
  }
  if (fail_level < SXS_LEVEL_INFO) {
    fprintf(stderr, "sxs check: --fail-on wants error, warning or info, not '%s'\n",
            fail_on);
    goto done;
  }
  if (enable.count) {
    /* --enable: only the listed checks run. */
    sxs_checker_set_level(checker, "all", SXS_LEVEL_OFF);
    if (apply_list(checker, &enable, 1) < 0) goto done;
  }
  if (apply_list(checker, &disable, 0) < 0 ||
      apply_severity(checker, &severity) < 0)
    goto done;
  if (list) {
    list_checks(checker);
    status_code = SXS_EXIT_OK;
    goto done;
  }
  if (operands == 0) {
    fprintf(stderr, "sxs check: no PATH given\n");
    sxs_print_usage(stderr, options, &usage);
    goto done;
  }
  sxs_checker_set_locale(checker, locale);
  if (locales_dir) sxs_checker_set_locales_dir(checker, locales_dir);
  char err[512];
  if (glossary && sxs_checker_load_glossary(checker, glossary, err, sizeof err) < 0) {
    /* FILE:LINE:COL: error: ... [code], like the pages' diagnostics. */
    fprintf(stderr, "%s\n", err);
    goto done;
  }
  if (baseline && sxs_checker_load_baseline(checker, baseline, err, sizeof err) < 0) {
    fprintf(stderr, "sxs check: %s: %s\n", baseline, err);
    goto done;
  }
  sxs_run_status status = {0, 0};
  sxs_for_each_walked_page(operands, argv, jobs, 1, check_work, check_emit,
                           checker, &status);
  sxs_checker_finish(checker);
  if (sxs_checker_write(checker, (sxs_check_format)format, stdout) < 0) {
    fprintf(stderr, "sxs check: cannot write the findings\n");
    status.trouble = 1;
  }
  if (write_baseline &&
      sxs_checker_write_baseline(checker, write_baseline, err, sizeof err) < 0) {
    fprintf(stderr, "sxs check: %s: %s\n", write_baseline, err);
    status.trouble = 1;
  }
  if (sxs_checker_count_at(checker, (sxs_check_level)fail_level) > 0)
    status.errors = 1;
  status_code = sxs_exit_status(&status);
done:
  sxs_checker_free(checker);
  sxs_string_list_free(&enable);
  sxs_string_list_free(&disable);
  sxs_string_list_free(&severity);
  return status_code;
}
