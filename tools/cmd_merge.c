/* sxs merge: translations from XLIFF 2.x, PO or TMX back into SxS pages.
 * Only TARGETs change; a page with a refused translation is not written. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "options.h"
#include "pages.h"
#include "sxs/sxs.h"
#include "sxs/sxs_merge.h"

int cmd_merge(int argc, char **argv) {
  const char *translations = NULL;
  const char *output = NULL;
  int in_place = 0, dry_run = 0, force_source = 0, quiet = 0;
  const sxs_option options[] = {
      {'t', "translations", SXS_OPT_STRING, &translations, "FILE",
       "the translations: XLIFF 2.x, PO or TMX (format from the content)"},
      {0, "in-place", SXS_OPT_FLAG, &in_place, NULL,
       "rewrite the changed pages (temporary file, then rename)"},
      {'o', "output", SXS_OPT_STRING, &output, "DIR",
       "write every page below DIR, mirroring the tree"},
      {'n', "dry-run", SXS_OPT_FLAG, &dry_run, NULL,
       "report what would change; write nothing"},
      {0, "force-source", SXS_OPT_FLAG, &force_source, NULL,
       "merge a unit even when its source is not the page's SOURCE"},
      {'q', "quiet", SXS_OPT_FLAG, &quiet, NULL,
       "print only errors and the summary"},
      {0, NULL, SXS_OPT_END, NULL, NULL, NULL}};
  const sxs_command_usage usage = {
      "merge", "-t FILE (--in-place | -o DIR | --dry-run) PATH...",
      "Bring the translations of FILE (as written by 'sxs extract -f\n"
      "xliff|po|tmx', or a CAT tool that kept ids and pages) back into the\n"
      "TARGETs of the pages, matched by (page, pair id)."};

  int operands = sxs_parse_options(argc, argv, options, &usage);
  if (operands == -2) return SXS_EXIT_OK;
  if (operands < 0) return SXS_EXIT_TROUBLE;
  const char *problem = NULL;
  if (!translations) problem = "no translation file (-t FILE)";
  else if (in_place + (output != NULL) + dry_run != 1)
    problem = "say exactly one of --in-place, -o DIR and --dry-run";
  else if (operands == 0) problem = "no PATH given";
  for (int i = 0; i < operands && !problem; i++)
    if (strcmp(argv[i], "-") == 0 && !dry_run)
      problem = "a page from standard input can only be merged with --dry-run";
  if (problem) {
    fprintf(stderr, "sxs merge: %s\n", problem);
    sxs_print_usage(stderr, options, &usage);
    return SXS_EXIT_TROUBLE;
  }

  char err[640];
  sxs_tfile *tf = sxs_tfile_read(translations, err, sizeof err);
  if (!tf) {
    /* err is "LINE:COL: reason" when the parser knows where. */
    unsigned line = 0, column = 0;
    int used = 0;
    if (sscanf(err, "%u:%u: %n", &line, &column, &used) == 2 && used > 0)
      fprintf(stderr, "%s:%u:%u: error: %s [unreadable-translations]\n",
              translations, line, column, err + used);
    else
      fprintf(stderr, "%s: error: %s [unreadable-translations]\n",
              translations, err);
    return SXS_EXIT_TROUBLE;
  }

  sxs_run_status status = {0, 0};
  sxs_merge_counts counts;
  memset(&counts, 0, sizeof counts);
  sxs_merge_options merge_options = {force_source};
  size_t pages_without = 0, pages_seen = 0;
  sxs_buf out = SXS_BUF_INIT;
  for (int op = 0; op < operands; op++) {
    sxs_path_list pages = {NULL, 0, 0};
    sxs_collect_pages(1, &argv[op], &pages, &status);
    for (size_t i = 0; i < pages.count; i++) {
      const char *path = pages.paths[i];
      /* The page's own damage is for 'sxs check'; here only I/O counts. */
      sxs_run_status page_status = {0, 0};
      sxs_page *page = sxs_load_page(path, 1, &page_status);
      if (!page) {
        status.trouble = 1;
        continue;
      }
      pages_seen++;
      if (!sxs_tfile_has_page(tf, path)) {
        pages_without++;
        if (!quiet)
          fprintf(stderr,
                  "%s: note: no translations for this page in %s "
                  "[page-not-in-file]\n",
                  path, translations);
      }
      sxs_buf_clear(&out);
      int changed = 0;
      int rc = sxs_merge_page(tf, path, page, &merge_options, &out, &changed,
                              &counts, stderr);
      if (rc < 0 || out.failed) {
        fprintf(stderr, "sxs merge: %s: out of memory\n", path);
        status.trouble = 1;
        sxs_page_free(page);
        continue;
      }
      const char *bytes;
      size_t len;
      if (rc == 1) {
        bytes = sxs_page_data(page, &len); /* left untouched */
      } else {
        bytes = out.data ? out.data : "";
        len = out.len;
      }
      char *dest = NULL;
      if (output) dest = sxs_mirror_path(output, argv[op], path);
      else if (in_place && rc == 0 && changed) dest = strdup(path);
      if ((output || (in_place && rc == 0 && changed)) && !dest) {
        fprintf(stderr, "sxs merge: %s: out of memory\n", path);
        status.trouble = 1;
      }
      if (dest) {
        if (sxs_write_file_atomic(dest, bytes, len, output != NULL, err,
                                  sizeof err) < 0) {
          fprintf(stderr, "sxs merge: %s: %s\n", dest, err);
          status.trouble = 1;
        } else {
          counts.pages_written++;
        }
        free(dest);
      }
      sxs_page_free(page);
    }
    sxs_path_list_free(&pages);
  }
  sxs_buf_free(&out);
  sxs_merge_report_unused(tf, &counts, stderr);
  fprintf(stderr,
          "sxs merge: %zu updated, %zu unchanged, %zu not found, %zu refused "
          "(%zu source changed), %zu without translation; %zu of %zu pages "
          "written, %zu left untouched, %zu not in %s\n",
          counts.updated, counts.unchanged, counts.not_found, counts.refused,
          counts.source_changed, counts.skipped, counts.pages_written,
          pages_seen, counts.pages_refused, pages_without, translations);
  if (counts.not_found || counts.refused) status.errors = 1;
  sxs_tfile_free(tf);
  return sxs_exit_status(&status);
}
