/* sxs align DIR...: each DIR one locale's tree of the same articles; one
 * TMX (or JSON Lines) with the English source and every locale's target. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "options.h"
#include "pages.h"
#include "sxs/sxs.h"
#include "sxs/sxs_align.h"
#include "sxs/sxs_diff.h"

typedef struct article_page {
  const char *rel;
  const char *path;
  size_t locale;
} article_page;

static int by_rel_then_locale(const void *a, const void *b) {
  const article_page *x = a, *y = b;
  int c = strcmp(x->rel, y->rel);
  if (c) return c;
  return x->locale < y->locale ? -1 : x->locale > y->locale;
}

typedef struct drift_ctx {
  int quiet;
  char **dirs;
  const char **locales;
  const char **paths; /* of the current article, per locale */
} drift_ctx;

static void on_drift(void *vctx, const sxs_align_drift *d) {
  drift_ctx *ctx = vctx;
  if (ctx->quiet) return;
  size_t len;
  const char *da = sxs_page_data(d->page_a, &len);
  fprintf(stderr,
          "%s:%u:%u: warning: pair %.*s: SOURCE differs from %s (%s:%u:%u) "
          "although both pages come from source version %s "
          "[source-drift]\n",
          ctx->paths[d->locale_a], d->pair_a->line, d->pair_a->column,
          (int)(d->pair_a->id.end - d->pair_a->id.start),
          da + d->pair_a->id.start, ctx->locales[d->locale_b],
          ctx->paths[d->locale_b], d->pair_b->line, d->pair_b->column,
          d->hash);
}

int cmd_align(int argc, char **argv) {
  const char *format_name = "tmx";
  const char *output = NULL;
  int quiet = 0;
  const sxs_option options[] = {
      {'f', "format", SXS_OPT_STRING, &format_name, "FORMAT",
       "tmx (default, TMX 1.4) or jsonl"},
      {'o', "output", SXS_OPT_STRING, &output, "FILE",
       "write to FILE (replaced whole at the end) instead of stdout"},
      {'q', "quiet", SXS_OPT_FLAG, &quiet, NULL,
       "do not list the source drift, only count it"},
      {0, NULL, SXS_OPT_END, NULL, NULL, NULL}};
  const sxs_command_usage usage = {
      "align", "[-f tmx|jsonl] [-o FILE] [-q] DIR...",
      "Align the locales of the same articles (each DIR one locale's tree,\n"
      "pages matched by relative path) into one translation memory, and\n"
      "report source drift: pairs whose SOURCE differs between locales\n"
      "built from the same source version."};
  int operands = sxs_parse_options(argc, argv, options, &usage);
  if (operands == -2) return SXS_EXIT_OK;
  if (operands < 0) return SXS_EXIT_TROUBLE;
  int jsonl = strcmp(format_name, "jsonl") == 0;
  if (!jsonl && strcmp(format_name, "tmx") != 0) {
    fprintf(stderr, "sxs align: unknown format '%s' (tmx or jsonl)\n",
            format_name);
    return SXS_EXIT_TROUBLE;
  }
  if (operands < 1) {
    fprintf(stderr, "sxs align: no DIR given\n");
    sxs_print_usage(stderr, options, &usage);
    return SXS_EXIT_TROUBLE;
  }
  size_t nloc = (size_t)operands;
  sxs_run_status status = {0, 0};
  sxs_path_list *lists = calloc(nloc, sizeof *lists);
  const char **locales = calloc(nloc, sizeof *locales);
  char **locale_copies = calloc(nloc, sizeof *locale_copies);
  const sxs_page **pages = calloc(nloc, sizeof *pages);
  const char **paths = calloc(nloc, sizeof *paths);
  size_t total = 0;
  for (size_t k = 0; lists && k < nloc; k++) {
    sxs_collect_pages(1, &argv[k], &lists[k], &status);
    total += lists[k].count;
  }
  article_page *all = calloc(total + 1, sizeof *all);
  sxs_align *align = sxs_align_new(nloc);
  if (!lists || !locales || !locale_copies || !pages || !paths || !all ||
      !align) {
    fprintf(stderr, "sxs align: out of memory\n");
    return SXS_EXIT_TROUBLE;
  }
  size_t n = 0;
  for (size_t k = 0; k < nloc; k++)
    for (size_t i = 0; i < lists[k].count; i++) {
      all[n].rel = sxs_relative_path(argv[k], lists[k].paths[i]);
      all[n].path = lists[k].paths[i];
      all[n].locale = k;
      n++;
    }
  qsort(all, n, sizeof *all, by_rel_then_locale);
  drift_ctx dctx = {quiet, argv, locales, paths};
  for (size_t k = 0; k < nloc; k++) locales[k] = "";
  for (size_t i = 0; i < n;) {
    size_t j = i;
    memset(pages, 0, nloc * sizeof *pages);
    memset(paths, 0, nloc * sizeof *paths);
    for (; j < n && strcmp(all[j].rel, all[i].rel) == 0; j++) {
      size_t k = all[j].locale;
      if (pages[k]) continue; /* the same path twice in one tree */
      sxs_run_status page_status = {0, 0};
      sxs_page *page = sxs_load_page(all[j].path, 1, &page_status);
      if (!page) {
        status.trouble = 1;
        continue;
      }
      const char *loc = sxs_page_locale(page);
      if (!locale_copies[k] && loc[0]) {
        locale_copies[k] = strdup(loc);
        locales[k] = locale_copies[k] ? locale_copies[k] : "";
      } else if (loc[0] && locale_copies[k] &&
                 strcmp(loc, locale_copies[k]) != 0) {
        fprintf(stderr,
                "%s: warning: locale %s in the tree of %s [mixed-locales]\n",
                all[j].path, loc, locale_copies[k]);
      }
      pages[k] = page;
      paths[k] = all[j].path;
    }
    if (sxs_align_add_article(align, all[i].rel, pages, on_drift, &dctx) < 0) {
      fprintf(stderr, "sxs align: out of memory\n");
      status.trouble = 1;
    }
    for (size_t k = 0; k < nloc; k++) sxs_page_free((sxs_page *)pages[k]);
    i = j;
  }
  for (size_t k = 0; k < nloc; k++) {
    if (locales[k][0]) continue;
    fprintf(stderr, "sxs align: %s: no ms.contentlocale; locale written as "
                    "'und' [no-locale]\n", argv[k]);
    locales[k] = "und";
  }
  for (size_t a = 0; a < nloc; a++)
    for (size_t b = a + 1; b < nloc; b++)
      if (strcmp(locales[a], locales[b]) == 0 && !status.trouble) {
        fprintf(stderr, "sxs align: %s and %s are both %s: give one tree per "
                        "locale\n", argv[a], argv[b], locales[a]);
        status.trouble = 1;
      }
  char err[512];
  if (!status.trouble &&
      sxs_align_write(align, jsonl, locales, output, err, sizeof err) < 0) {
    fprintf(stderr, "sxs align: %s: %s\n", output ? output : "-", err);
    status.trouble = 1;
  }
  const sxs_align_counts *c = sxs_align_counts_get(align);
  fprintf(stderr,
          "sxs align: %zu articles; %zu pairs aligned by id, %zu by "
          "identical source, %zu without a partner; %zu source drift; %zu "
          "units (%zu with every locale)\n",
          c->articles, c->pairs_by_id, c->pairs_by_source, c->unaligned,
          c->drift, c->units, c->complete_units);
  if (c->drift) status.errors = 1;
  sxs_align_free(align);
  for (size_t k = 0; k < nloc; k++) {
    sxs_path_list_free(&lists[k]);
    free(locale_copies[k]);
  }
  free(lists);
  free(locales);
  free(locale_copies);
  free(pages);
  free(paths);
  free(all);
  return sxs_exit_status(&status);
}
