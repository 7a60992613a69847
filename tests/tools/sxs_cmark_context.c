/* Reference for the block context of every pair, computed by cmark-gfm (the
 * CommonMark + GFM table parser), independently of libsxs.
 *
 *   sxs_cmark_context PAGE...          PATH<TAB>INDEX<TAB>CONTEXT per pair
 *   sxs_cmark_context --lines PAGE...  the same, plus <TAB>LINE as cmark
 *                                      reports it (start line of the html
 *                                      node; for an html_block holding
 *                                      several pairs, the line where each
 *                                      pair's "<span data-ttu-id=" sits)
 *   sxs_cmark_context --html PAGE      cmark-gfm's HTML rendering of PAGE
 *                                      (front matter removed)
 *
 * INDEX counts pairs from 0 in document order. CONTEXT has the grammar of
 * sxs_context_format(): containers outermost first ("list_item",
 * "blockquote", "alert:KIND"), then the leaf ("paragraph", "heading:N",
 * "table_cell", "html_block"), then ">link_text" or ">image_alt", joined with
 * '>'. It is built here on purpose without calling libsxs, so that the test
 * comparing the two compares two independent implementations. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

static const char pair_start[] = "<span data-ttu-id=";

static int read_whole_file(const char *path, char **data, size_t *len) {
  FILE *file = fopen(path, "rb");
  if (!file) return -1;
  size_t cap = 1 << 16, used = 0;
  char *buf = malloc(cap);
  if (!buf) {
    fclose(file);
    return -1;
  }
  for (;;) {
    if (used == cap) {
      char *bigger = realloc(buf, cap * 2);
      if (!bigger) {
        free(buf);
        fclose(file);
        return -1;
      }
      buf = bigger;
      cap *= 2;
    }
    size_t got = fread(buf + used, 1, cap - used, file);
    used += got;
    if (got == 0) break;
  }
  int failed = ferror(file);
  fclose(file);
  if (failed) {
    free(buf);
    return -1;
  }
  *data = buf;
  *len = used;
  return 0;
}

/* Length of the line starting at pos, without its line end, and the offset
 * just after its line end. */
static size_t line_at(const char *data, size_t len, size_t pos,
                      size_t *next) {
  size_t end = pos;
  while (end < len && data[end] != '\n') end++;
  *next = end < len ? end + 1 : end;
  if (end > pos && data[end - 1] == '\r') end--;
  return end - pos;
}

/* The front matter (an optional BOM, a line "---", everything up to and
 * including the next line "---" or "...") is YAML, not Markdown: it becomes
 * as many empty lines, so that line numbers keep matching the page. Returns
 * a malloc'd copy; *out_len is set. */
static char *strip_front_matter(const char *data, size_t len,
                                size_t *out_len) {
  size_t pos = 0;
  if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) pos = 3;
  size_t next;
  size_t line_len = line_at(data, len, pos, &next);
  size_t fm_end = 0;
  unsigned lines = 0;
  if (line_len == 3 && memcmp(data + pos, "---", 3) == 0 && next > pos + 3) {
    lines = 1;
    pos = next;
    while (pos < len) {
      line_len = line_at(data, len, pos, &next);
      lines++;
      if (line_len == 3 && (memcmp(data + pos, "---", 3) == 0 ||
                            memcmp(data + pos, "...", 3) == 0)) {
        fm_end = next;
        break;
      }
      pos = next;
    }
  }
  char *out;
  if (fm_end == 0) {
    out = malloc(len + 1);
    if (!out) return NULL;
    memcpy(out, data, len);
    *out_len = len;
  } else {
    /* The closing line may have had no line end (end of file). */
    int closing_has_newline = fm_end > 0 && data[fm_end - 1] == '\n';
    size_t newlines = closing_has_newline ? lines : lines - 1;
    *out_len = newlines + (len - fm_end);
    out = malloc(*out_len + 1);
    if (!out) return NULL;
    memset(out, '\n', newlines);
    memcpy(out + newlines, data + fm_end, len - fm_end);
  }
  out[*out_len] = '\0';
  return out;
}

static int is_type(cmark_node *node, const char *name) {
  const char *type = cmark_node_get_type_string(node);
  return type && strcmp(type, name) == 0;
}

/* A DocFX alert is a blockquote whose first paragraph's first line starts
 * with "[!KIND]". cmark splits "[" and "!" into separate text nodes, so the
 * leading text nodes are joined before looking. Returns the kind in lower
 * case, or NULL for a plain blockquote. */
static const char *alert_kind(cmark_node *quote) {
  static const char *const kinds[] = {"note", "tip", "important", "caution",
                                      "warning"};
  cmark_node *para = cmark_node_first_child(quote);
  if (!para || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH) return NULL;
  char head[64];
  size_t used = 0;
  for (cmark_node *child = cmark_node_first_child(para);
       child && cmark_node_get_type(child) == CMARK_NODE_TEXT;
       child = cmark_node_next(child)) {
    const char *text = cmark_node_get_literal(child);
    size_t text_len = text ? strlen(text) : 0;
    if (used + text_len >= sizeof head) text_len = sizeof head - 1 - used;
    memcpy(head + used, text, text_len);
    used += text_len;
    if (used == sizeof head - 1) break;
  }
  head[used] = '\0';
  if (used < 3 || head[0] != '[' || head[1] != '!') return NULL;
  for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
    size_t kind_len = strlen(kinds[i]);
    if (used < 2 + kind_len + 1) continue;
    size_t k = 0;
    while (k < kind_len &&
           tolower((unsigned char)head[2 + k]) == kinds[i][k])
      k++;
    if (k == kind_len && head[2 + kind_len] == ']') return kinds[i];
  }
  return NULL;
}

/* Appends "part" to the context being built, with '>' between parts. */
static void add_part(char *out, size_t size, const char *part) {
  size_t used = strlen(out);
  snprintf(out + used, size - used, "%s%s", used ? ">" : "", part);
}

/* The context of an html node (inline or block) holding a pair. */
static void context_of(cmark_node *node, char *out, size_t size) {
  cmark_node *chain[256];
  size_t depth = 0;
  for (cmark_node *up = node; up && depth < 256; up = cmark_node_parent(up))
    chain[depth++] = up;
  out[0] = '\0';
  const char *inline_kind = NULL;
  /* From the document down to the node. */
  for (size_t i = depth; i-- > 0;) {
    cmark_node *n = chain[i];
    char part[32];
    switch (cmark_node_get_type(n)) {
    case CMARK_NODE_ITEM:
      add_part(out, size, "list_item");
      break;
    case CMARK_NODE_BLOCK_QUOTE: {
      const char *kind = alert_kind(n);
      if (kind) {
        snprintf(part, sizeof part, "alert:%s", kind);
        add_part(out, size, part);
      } else {
        add_part(out, size, "blockquote");
      }
      break;
    }
    case CMARK_NODE_PARAGRAPH:
      add_part(out, size, "paragraph");
      break;
    case CMARK_NODE_HEADING:
      snprintf(part, sizeof part, "heading:%d",
               cmark_node_get_heading_level(n));
      add_part(out, size, part);
      break;
    case CMARK_NODE_HTML_BLOCK:
      add_part(out, size, "html_block");
      break;
    case CMARK_NODE_LINK:
      inline_kind = "link_text";
      break;
    case CMARK_NODE_IMAGE:
      inline_kind = "image_alt";
      break;
    default:
      if (is_type(n, "table_cell")) add_part(out, size, "table_cell");
      break;
    }
  }
  /* The innermost link or image wins. */
  if (inline_kind) add_part(out, size, inline_kind);
}

static cmark_parser *new_parser(void) {
  cmark_gfm_core_extensions_ensure_registered();
  cmark_parser *parser = cmark_parser_new(CMARK_OPT_DEFAULT);
  cmark_syntax_extension *table = cmark_find_syntax_extension("table");
  if (!parser || !table) {
    fprintf(stderr, "sxs_cmark_context: cannot set up cmark-gfm\n");
    exit(2);
  }
  cmark_parser_attach_syntax_extension(parser, table);
  return parser;
}

static int print_html(const char *path) {
  char *data;
  size_t len;
  if (read_whole_file(path, &data, &len) != 0) {
    fprintf(stderr, "%s: %s\n", path, strerror(errno));
    return 2;
  }
  size_t md_len;
  char *md = strip_front_matter(data, len, &md_len);
  free(data);
  if (!md) return 2;
  cmark_parser *parser = new_parser();
  cmark_parser_feed(parser, md, md_len);
  cmark_node *doc = cmark_parser_finish(parser);
  char *html = cmark_render_html(doc, CMARK_OPT_DEFAULT,
                                 cmark_parser_get_syntax_extensions(parser));
  fputs(html, stdout);
  free(html);
  cmark_node_free(doc);
  cmark_parser_free(parser);
  free(md);
  return 0;
}

static int print_contexts(const char *path, int with_lines) {
  char *data;
  size_t len;
  if (read_whole_file(path, &data, &len) != 0) {
    fprintf(stderr, "%s: %s\n", path, strerror(errno));
    return 2;
  }
  size_t md_len;
  char *md = strip_front_matter(data, len, &md_len);
  free(data);
  if (!md) return 2;
  cmark_parser *parser = new_parser();
  cmark_parser_feed(parser, md, md_len);
  cmark_node *doc = cmark_parser_finish(parser);

  unsigned long index = 0;
  char context[512];
  cmark_iter *iter = cmark_iter_new(doc);
  cmark_event_type event;
  while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
    if (event != CMARK_EVENT_ENTER) continue;
    cmark_node *node = cmark_iter_get_node(iter);
    cmark_node_type type = cmark_node_get_type(node);
    if (type == CMARK_NODE_HTML_INLINE) {
      const char *literal = cmark_node_get_literal(node);
      if (!literal || strncmp(literal, pair_start, sizeof pair_start - 1))
        continue;
      context_of(node, context, sizeof context);
      printf("%s\t%lu\t%s", path, index++, context);
      if (with_lines) printf("\t%d", cmark_node_get_start_line(node));
      putchar('\n');
    } else if (type == CMARK_NODE_HTML_BLOCK) {
      const char *literal = cmark_node_get_literal(node);
      if (!literal) continue;
      context_of(node, context, sizeof context);
      int line = cmark_node_get_start_line(node);
      const char *scan = literal;
      for (const char *hit; (hit = strstr(scan, pair_start)) != NULL;
           scan = hit + 1) {
        for (; scan < hit; scan++)
          if (*scan == '\n') line++;
        printf("%s\t%lu\t%s", path, index++, context);
        if (with_lines) printf("\t%d", line);
        putchar('\n');
      }
    }
  }
  cmark_iter_free(iter);
  cmark_node_free(doc);
  cmark_parser_free(parser);
  free(md);
  return 0;
}

int main(int argc, char **argv) {
  int with_lines = 0, html = 0, argi = 1;
  for (; argi < argc && argv[argi][0] == '-' && argv[argi][1]; argi++) {
    if (strcmp(argv[argi], "--lines") == 0) {
      with_lines = 1;
    } else if (strcmp(argv[argi], "--html") == 0) {
      html = 1;
    } else if (strcmp(argv[argi], "--") == 0) {
      argi++;
      break;
    } else {
      fprintf(stderr, "usage: sxs_cmark_context [--lines|--html] PAGE...\n");
      return 2;
    }
  }
  if (argi == argc) {
    fprintf(stderr, "usage: sxs_cmark_context [--lines|--html] PAGE...\n");
    return 2;
  }
  int status = 0;
  for (; argi < argc; argi++) {
    int rc = html ? print_html(argv[argi])
                  : print_contexts(argv[argi], with_lines);
    if (rc > status) status = rc;
  }
  return status;
}
