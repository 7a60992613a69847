/* sxs diff OLD NEW: pairs added, removed, source changed, target changed
 * between two pages or two trees of pages. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "commands.h"
#include "options.h"
#include "pages.h"
#include "sxs/sxs.h"
#include "sxs/sxs_diff.h"
#include "sxs/sxs_stats.h"

typedef struct diff_ctx {
  int jsonl;
  const char *old_file, *new_file;
  const sxs_page *old_page, *new_page;
  sxs_buf out;
  size_t pages_changed;
  int page_reported;
} diff_ctx;

static void text_side(sxs_buf *out, char sign, const char *data,
                      sxs_range r) {
  sxs_buf_printf(out, "    %c ", sign);
  for (size_t i = r.start; i < r.end; i++) {
    sxs_buf_putc(out, data[i]);
    if (data[i] == '\n') sxs_buf_puts(out, "      ");
  }
  sxs_buf_putc(out, '\n');
}

static void json_member(sxs_buf *out, const char *name, const char *s,
                        size_t n) {
  sxs_buf_printf(out, ",\"%s\":", name);
  if (s) sxs_json_append_string(out, s, n);
  else sxs_buf_puts(out, "null"); /* a page added or removed */
}

static int on_change(void *vctx, const sxs_diff_change *c) {
  diff_ctx *ctx = vctx;
  size_t len;
  const char *od = ctx->old_page ? sxs_page_data(ctx->old_page, &len) : NULL;
  const char *nd = ctx->new_page ? sxs_page_data(ctx->new_page, &len) : NULL;
  const sxs_pair *op = c->old_pair, *np = c->new_pair;
  const sxs_pair *shown = np ? np : op;
  const char *data = np ? nd : od;
  const char *file = np ? ctx->new_file : ctx->old_file;
  sxs_buf *out = &ctx->out;
  int renumbered = c->renumbered;
  if (!ctx->page_reported) {
    ctx->page_reported = 1;
    ctx->pages_changed++;
  }
  if (ctx->jsonl) {
    sxs_buf_printf(out, "{\"change\":\"%s\"", sxs_diff_kind_name(c->kind));
    json_member(out, "old_file", ctx->old_file,
                ctx->old_file ? strlen(ctx->old_file) : 0);
    json_member(out, "new_file", ctx->new_file,
                ctx->new_file ? strlen(ctx->new_file) : 0);
    json_member(out, "id", data + shown->id.start,
                shown->id.end - shown->id.start);
    if (renumbered)
      json_member(out, "old_id", od + op->id.start, op->id.end - op->id.start);
    if (op) {
      sxs_buf_printf(out, ",\"old_line\":%u", op->line);
      json_member(out, "old_source", od + op->source.start,
                  op->source.end - op->source.start);
      json_member(out, "old_target", od + op->target.start,
                  op->target.end - op->target.start);
    }
    if (np) {
      sxs_buf_printf(out, ",\"new_line\":%u", np->line);
      json_member(out, "new_source", nd + np->source.start,
                  np->source.end - np->source.start);
      json_member(out, "new_target", nd + np->target.start,
                  np->target.end - np->target.start);
    }
    sxs_buf_puts(out, "}\n");
  } else {
    static const char *const label[] = {"added", "removed", "source changed",
                                        "target changed"};
    sxs_buf_printf(out, "%s:%u:%u: %s %.*s", file, shown->line,
                   shown->column, label[c->kind],
                   (int)(shown->id.end - shown->id.start),
                   data + shown->id.start);
    if (renumbered)
      sxs_buf_printf(out, " (was %.*s)", (int)(op->id.end - op->id.start),
                     od + op->id.start);
    sxs_buf_putc(out, '\n');
    switch (c->kind) {
      case SXS_DIFF_ADDED:
        text_side(out, '+', nd, np->source);
        text_side(out, '+', nd, np->target);
        break;
      case SXS_DIFF_REMOVED:
        text_side(out, '-', od, op->source);
        text_side(out, '-', od, op->target);
        break;
      case SXS_DIFF_SOURCE_CHANGED:
        text_side(out, '-', od, op->source);
        text_side(out, '+', nd, np->source);
        break;
      case SXS_DIFF_TARGET_CHANGED:
        text_side(out, '-', od, op->target);
        text_side(out, '+', nd, np->target);
        break;
    }
  }
  if (out->len > 65536) {
    if (fwrite(out->data, 1, out->len, stdout) != out->len) return -2;
    sxs_buf_clear(out);
  }
  return out->failed ? -1 : 0;
}

static int diff_two(diff_ctx *ctx, const char *old_path, const char *new_path,
                    sxs_diff_counts *counts, sxs_run_status *status) {
  sxs_run_status page_status = {0, 0};
  sxs_page *old_page = old_path ? sxs_load_page(old_path, 1, &page_status) : NULL;
  sxs_page *new_page = new_path ? sxs_load_page(new_path, 1, &page_status) : NULL;
  if ((old_path && !old_page) || (new_path && !new_page)) {
    status->trouble = 1;
    sxs_page_free(old_page);
    sxs_page_free(new_page);
    return 0;
  }
  ctx->old_file = old_path;
  ctx->new_file = new_path;
  ctx->old_page = old_page;
  ctx->new_page = new_page;
  ctx->page_reported = 0;
  int rc = sxs_diff_pages(old_page, new_page, on_change, ctx, counts);
  if (!ctx->jsonl && !old_path)
    sxs_buf_printf(&ctx->out, "%s: page added\n", new_path);
  if (!ctx->jsonl && !new_path)
    sxs_buf_printf(&ctx->out, "%s: page removed\n", old_path);
  sxs_page_free(old_page);
  sxs_page_free(new_page);
  return rc;
}

static int is_dir(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

typedef struct diff_tree_ctx {
  diff_ctx *ctx;
  sxs_diff_counts *counts;
  sxs_run_status *status;
} diff_tree_ctx;

static int diff_tree_pair(void *vtree, const char *old_path,
                          const char *new_path) {
  diff_tree_ctx *tree = vtree;
  return diff_two(tree->ctx, old_path, new_path, tree->counts, tree->status);
}

int cmd_diff(int argc, char **argv) {
  const char *format_name = "text";
  const sxs_option options[] = {
      {'f', "format", SXS_OPT_STRING, &format_name, "FORMAT",
       "text (default) or jsonl"},
      {0, NULL, SXS_OPT_END, NULL, NULL, NULL}};
  const sxs_command_usage usage = {
      "diff", "[-f text|jsonl] OLD NEW",
      "Pairs added, removed, whose SOURCE changed or whose TARGET changed\n"
      "between two pages, or two trees matched by relative path. Exit 0:\n"
      "no difference, 1: differences, 2: trouble."};
  int operands = sxs_parse_options(argc, argv, options, &usage);
  if (operands == -2) return SXS_EXIT_OK;
  if (operands < 0) return SXS_EXIT_TROUBLE;
  int jsonl = strcmp(format_name, "jsonl") == 0;
  if (!jsonl && strcmp(format_name, "text") != 0) {
    fprintf(stderr, "sxs diff: unknown format '%s' (text or jsonl)\n",
            format_name);
    return SXS_EXIT_TROUBLE;
  }
  if (operands != 2) {
    fprintf(stderr, "sxs diff: give OLD and NEW\n");
    sxs_print_usage(stderr, options, &usage);
    return SXS_EXIT_TROUBLE;
  }
  const char *old_root = argv[0], *new_root = argv[1];
  int old_dir = is_dir(old_root), new_dir = is_dir(new_root);
  if (old_dir != new_dir) {
    fprintf(stderr, "sxs diff: OLD and NEW must both be pages or both be "
                    "directories\n");
    return SXS_EXIT_TROUBLE;
  }
  sxs_run_status status = {0, 0};
  sxs_diff_counts counts;
  memset(&counts, 0, sizeof counts);
  diff_ctx ctx;
  memset(&ctx, 0, sizeof ctx);
  ctx.jsonl = jsonl;
  int rc = 0;
  if (!old_dir) {
    rc = diff_two(&ctx, old_root, new_root, &counts, &status);
  } else {
    sxs_path_list old_list = {NULL, 0, 0}, new_list = {NULL, 0, 0};
    sxs_collect_pages(1, &argv[0], &old_list, &status);
    sxs_collect_pages(1, &argv[1], &new_list, &status);
    diff_tree_ctx tree = {&ctx, &counts, &status};
    rc = sxs_match_trees(old_root, &old_list, new_root, &new_list,
                         diff_tree_pair, &tree);
    sxs_path_list_free(&old_list);
    sxs_path_list_free(&new_list);
  }
  if (rc != 0 || ctx.out.failed) {
    fprintf(stderr, "sxs diff: %s\n",
            rc == -2 ? "cannot write the output" : "out of memory");
    status.trouble = 1;
  }
  if (!jsonl) {
    sxs_buf_printf(&ctx.out,
                   "%zu added, %zu removed, %zu source changed, %zu target "
                   "changed, %zu unchanged",
                   counts.added, counts.removed, counts.source_changed,
                   counts.target_changed, counts.same);
    if (counts.renumbered)
      sxs_buf_printf(&ctx.out, ", %zu matched under another id", counts.renumbered);
    sxs_buf_printf(&ctx.out, "; %zu page%s differ%s\n", ctx.pages_changed,
                   ctx.pages_changed == 1 ? "" : "s",
                   ctx.pages_changed == 1 ? "s" : "");
  }
  if (fwrite(ctx.out.data ? ctx.out.data : "", 1, ctx.out.len, stdout) !=
          ctx.out.len || fflush(stdout) != 0)
    status.trouble = 1;
  sxs_buf_free(&ctx.out);
  if (status.trouble) return SXS_EXIT_TROUBLE;
  return counts.added || counts.removed || counts.source_changed ||
                 counts.target_changed
             ? SXS_EXIT_FINDINGS
             : SXS_EXIT_OK;
}
