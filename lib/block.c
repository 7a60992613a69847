/* Block structure, line by line, as CommonMark (cmark-gfm with its table
 * extension) builds it: containers (block quotes, list items) and the leaf
 * blocks whose inline content can hold pairs (paragraphs, headings, table
 * rows, HTML blocks). Code blocks are recognised so that span-looking text
 * inside them is never taken for a pair.
 *
 * This is our own classifier rather than cmark-gfm itself because it must
 * keep pace with a scanner running at hundreds of MB/s; a corpus test checks
 * that it agrees with cmark-gfm on every pair. It runs in one pass, keeps a
 * bounded container stack, and never recurses. */
#include <string.h>
#include <strings.h>

#include "page_internal.h"

enum { MAX_CONTAINERS = 64 };

typedef enum leaf_state {
  LEAF_NONE,
  LEAF_PARAGRAPH,
  LEAF_FENCED_CODE,
  LEAF_INDENTED_CODE,
  LEAF_HTML,
  LEAF_TABLE
} leaf_state;

typedef struct container {
  uint8_t kind;        /* SXS_IN_LIST_ITEM or SXS_IN_BLOCKQUOTE (or alert) */
  uint8_t has_child;
  unsigned content_indent; /* list item: columns its content is indented */
} container;

typedef struct line {
  size_t start;  /* first byte */
  size_t end;    /* before "\r\n" or "\n" */
  size_t next;   /* start of the next line */
  unsigned number;
} line;

typedef struct scanner {
  sxs_page *page;
  const char *s;
  container stack[MAX_CONTAINERS];
  unsigned depth;        /* containers open */
  unsigned overflow;     /* containers beyond MAX_CONTAINERS, not tracked */

  leaf_state leaf;
  /* The open leaf: where its content starts and the current line's start. */
  size_t leaf_start, leaf_line_start;
  unsigned leaf_line;
  size_t leaf_end;
  size_t last_line_content; /* paragraph: content start of its last line */
  size_t last_line_start;
  unsigned last_line_number;
  unsigned leaf_lines;
  sxs_context leaf_context;
  /* Fenced code. */
  char fence_char;
  unsigned fence_len;
  unsigned fence_indent;
  /* HTML block type, 1..7. */
  int html_type;
  /* Table: number of columns, from the delimiter row. */
  unsigned table_columns;

  /* The current line, and where the cursor stands in it. */
  line ln;
  size_t pos;
  unsigned col;
} scanner;

/* ---- cursor over the current line ---- */

static int is_space_or_tab(char c) { return c == ' ' || c == '\t'; }

/* indentation() below, for a cursor on a space or tab. */
static unsigned indentation_loop(const scanner *sc, size_t *first) {
  unsigned col = sc->col;
  size_t p = sc->pos;
  while (p < sc->ln.end && is_space_or_tab(sc->s[p])) {
    col = sc->s[p] == '\t' ? col + 4 - col % 4 : col + 1;
    p++;
  }
  if (first) *first = p;
  return col - sc->col;
}

/* Columns of indentation at the cursor, and the offset of the first
 * character that is not a space or tab. Most lines are not indented: they
 * take no call and no loop. */
static inline unsigned indentation(const scanner *sc, size_t *first) {
  size_t p = sc->pos;
  if (p < sc->ln.end && is_space_or_tab(sc->s[p]))
    return indentation_loop(sc, first);
  if (first) *first = p;
  return 0;
}

/* Moves the cursor forward by up to n columns of spaces and tabs. */
static void advance_columns(scanner *sc, unsigned n) {
  unsigned target = sc->col + n;
  while (sc->pos < sc->ln.end && sc->col < target &&
         is_space_or_tab(sc->s[sc->pos])) {
    if (sc->s[sc->pos] == '\t') {
      unsigned next = sc->col + 4 - sc->col % 4;
      if (next > target) {
        /* Part of the tab is consumed; the rest still counts as
         * indentation, measured from the column (as cmark does). */
        sc->col = target;
        return;
      }
      sc->col = next;
    } else {
      sc->col++;
    }
    sc->pos++;
  }
}

static void advance_to(scanner *sc, size_t p) {
  while (sc->pos < p) {
    char c = sc->s[sc->pos];
    sc->col = c == '\t' ? sc->col + 4 - sc->col % 4 : sc->col + 1;
    sc->pos++;
  }
}

static int rest_is_blank(const scanner *sc, size_t p) {
  for (; p < sc->ln.end; p++)
    if (!is_space_or_tab(sc->s[p])) return 0;
  return 1;
}

/* The first of the bytes a, b, c, d at or after p, or end: sixteen bytes
 * a step (the same byte may be given more than once). */
static inline size_t find_any4(const char *s, size_t p, size_t end, char a,
                               char b, char c, char d) {
  while (end - p >= 16) {
    sxs_bytes16 v = sxs_load16(s + p);
    sxs_bytes16 m = (v == (unsigned char)a) | (v == (unsigned char)b) |
                    (v == (unsigned char)c) | (v == (unsigned char)d);
    if (sxs_any16(m)) return p + sxs_first16(m);
    p += 16;
  }
  while (p < end && s[p] != a && s[p] != b && s[p] != c && s[p] != d) p++;
  return p;
}

/* ---- leaves ---- */

static void snapshot_context(scanner *sc, sxs_context *ctx, uint8_t leaf) {
  memset(ctx, 0, sizeof *ctx);
  ctx->leaf = leaf;
  unsigned d = sc->depth < SXS_CONTEXT_MAX_DEPTH ? sc->depth
                                                 : SXS_CONTEXT_MAX_DEPTH;
  for (unsigned i = 0; i < d; i++) ctx->path[i] = sc->stack[i].kind;
  ctx->depth = (uint8_t)d;
}

static void mark_child(scanner *sc) {
  if (sc->depth > 0) sc->stack[sc->depth - 1].has_child = 1;
}

static void emit(scanner *sc, size_t start, size_t end, size_t line_start,
                 unsigned line_number, const sxs_context *ctx) {
  if (end <= start) return;
  sxs_leaf_block leaf = {start, end, line_start, line_number, *ctx};
  sxs_page_add_leaf(sc->page, &leaf);
}

/* A link reference definition at the start of a paragraph: remember its
 * label so that reference links can be told from literal brackets. Only the
 * common one-line form is read. */
static void read_reference_definitions(scanner *sc, size_t start, size_t end) {
  const char *s = sc->s;
  size_t p = start;
  while (p < end) {
    size_t q = p;
    while (q < end && q - p < 3 && s[q] == ' ') q++;
    if (q >= end || s[q] != '[') return;
    size_t label = q + 1, r = label;
    for (;;) {
      r = find_any4(s, r, end, ']', '[', '\n', '\\');
      if (r >= end || s[r] != '\\') break;
      r += r + 1 < end ? 2 : 1; /* the escaped byte is no stop */
    }
    if (r >= end || s[r] != ']' || r + 1 >= end || s[r + 1] != ':' ||
        r == label)
      return;
    sxs_page_add_ref_label(sc->page, s + label, r - label);
    const char *nl = memchr(s + r, '\n', end - r);
    if (!nl) return;
    p = (size_t)(nl - s) + 1;
  }
}

static void close_leaf(scanner *sc) {
  switch (sc->leaf) {
    case LEAF_PARAGRAPH:
      if (sc->s[sc->leaf_start] == '[' || sc->s[sc->leaf_start] == ' ')
        read_reference_definitions(sc, sc->leaf_start, sc->leaf_end);
      emit(sc, sc->leaf_start, sc->leaf_end, sc->leaf_line_start,
           sc->leaf_line, &sc->leaf_context);
      break;
    case LEAF_HTML:
      emit(sc, sc->leaf_start, sc->leaf_end, sc->leaf_line_start,
           sc->leaf_line, &sc->leaf_context);
      break;
    default:
      break;
  }
  sc->leaf = LEAF_NONE;
}

static void close_containers(scanner *sc, unsigned keep) {
  if (sc->depth + sc->overflow > keep) close_leaf(sc);
  while (sc->depth + sc->overflow > keep) {
    if (sc->overflow) sc->overflow--;
    else sc->depth--;
  }
}

static void push_container(scanner *sc, uint8_t kind, unsigned indent) {
  close_leaf(sc);
  mark_child(sc);
  if (sc->depth == MAX_CONTAINERS) {
    sc->overflow++;
    return;
  }
  container *c = &sc->stack[sc->depth++];
  c->kind = kind;
  c->has_child = 0;
  c->content_indent = indent;
}

/* "[!NOTE]" and its kin at the start of a block quote's first paragraph. */
static uint8_t alert_kind(const char *s, size_t p, size_t end) {
  static const struct { const char *name; uint8_t kind; } kinds[] = {
      {"NOTE", SXS_IN_ALERT_NOTE},       {"TIP", SXS_IN_ALERT_TIP},
      {"IMPORTANT", SXS_IN_ALERT_IMPORTANT},
      {"CAUTION", SXS_IN_ALERT_CAUTION}, {"WARNING", SXS_IN_ALERT_WARNING}};
  if (end - p < 4 || s[p] != '[' || s[p + 1] != '!') return 0;
  for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
    size_t n = strlen(kinds[i].name);
    if (end - p >= n + 3 && strncasecmp(s + p + 2, kinds[i].name, n) == 0 &&
        s[p + 2 + n] == ']')
      return kinds[i].kind;
  }
  return 0;
}

static void open_paragraph(scanner *sc, size_t content) {
  if (sc->depth > 0 && !sc->stack[sc->depth - 1].has_child &&
      sc->stack[sc->depth - 1].kind == SXS_IN_BLOCKQUOTE) {
    uint8_t kind = alert_kind(sc->s, content, sc->ln.end);
    if (kind) sc->stack[sc->depth - 1].kind = kind;
  }
  mark_child(sc);
  sc->leaf = LEAF_PARAGRAPH;
  sc->leaf_start = content;
  sc->leaf_line_start = sc->ln.start;
  sc->leaf_line = sc->ln.number;
  sc->leaf_end = sc->ln.end;
  sc->last_line_content = content;
  sc->last_line_start = sc->ln.start;
  sc->last_line_number = sc->ln.number;
  sc->leaf_lines = 1;
  snapshot_context(sc, &sc->leaf_context, SXS_LEAF_PARAGRAPH);
}

static void add_paragraph_line(scanner *sc, size_t content) {
  sc->leaf_end = sc->ln.end;
  sc->last_line_content = content;
  sc->last_line_start = sc->ln.start;
  sc->last_line_number = sc->ln.number;
  sc->leaf_lines++;
}

/* ---- block starts ---- */

/* The level of an ATX heading starting at p, or 0. */
static unsigned atx_level(const char *s, size_t p, size_t end) {
  unsigned level = 0;
  while (p < end && s[p] == '#' && level < 7) {
    level++;
    p++;
  }
  if (level == 0 || level > 6) return 0;
  if (p < end && !is_space_or_tab(s[p])) return 0;
  return level;
}

static int atx_heading(scanner *sc, size_t p) {
  const char *s = sc->s;
  size_t end = sc->ln.end;
  unsigned level = atx_level(s, p, end);
  if (level == 0) return 0;
  p += level;
  while (p < end && is_space_or_tab(s[p])) p++;
  /* Drop a closing sequence of '#' preceded by a space, and trailing space. */
  size_t e = end;
  while (e > p && is_space_or_tab(s[e - 1])) e--;
  size_t h = e;
  while (h > p && s[h - 1] == '#') h--;
  if (h < e && (h == p || is_space_or_tab(s[h - 1]))) {
    e = h;
    while (e > p && is_space_or_tab(s[e - 1])) e--;
  }
  mark_child(sc);
  sxs_context ctx;
  snapshot_context(sc, &ctx, SXS_LEAF_HEADING);
  ctx.heading_level = (uint8_t)level;
  emit(sc, p, e, sc->ln.start, sc->ln.number, &ctx);
  return 1;
}

static int fence_open(scanner *sc, size_t p, unsigned indent) {
  const char *s = sc->s;
  size_t end = sc->ln.end;
  char c = s[p];
  if (c != '`' && c != '~') return 0;
  size_t q = p;
  while (q < end && s[q] == c) q++;
  if (q - p < 3) return 0;
  if (c == '`')
    for (size_t r = q; r < end; r++)
      if (s[r] == '`') return 0;
  mark_child(sc);
  sc->leaf = LEAF_FENCED_CODE;
  sc->fence_char = c;
  sc->fence_len = (unsigned)(q - p);
  sc->fence_indent = indent;
  return 1;
}

static int fence_close(const scanner *sc, size_t p, unsigned indent) {
  const char *s = sc->s;
  size_t end = sc->ln.end;
  if (indent > 3 || p >= end || s[p] != sc->fence_char) return 0;
  size_t q = p;
  while (q < end && s[q] == sc->fence_char) q++;
  if (q - p < sc->fence_len) return 0;
  return rest_is_blank(sc, q);
}

static int thematic_break(const scanner *sc, size_t p) {
  const char *s = sc->s;
  char c = s[p];
  if (c != '*' && c != '-' && c != '_') return 0;
  unsigned n = 0;
  for (; p < sc->ln.end; p++) {
    if (s[p] == c) n++;
    else if (!is_space_or_tab(s[p])) return 0;
  }
  return n >= 3;
}

static int setext_underline(const scanner *sc, size_t p) {
  const char *s = sc->s;
  char c = s[p];
  if (c != '=' && c != '-') return 0;
  while (p < sc->ln.end && s[p] == c) p++;
  if (!rest_is_blank(sc, p)) return 0;
  return c == '=' ? 1 : 2;
}

static int ascii_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
static int ascii_alnum(char c) {
  return ascii_alpha(c) || (c >= '0' && c <= '9');
}

static int tag_name_in(const char *name, size_t n, const char *const *list) {
  /* No block tag name is longer than 10 letters; "span", the most common
   * line start here, is in no list. */
  if (n > 10) return 0;
  for (; *list; list++)
    if ((*list)[0] == (name[0] | 0x20) && strlen(*list) == n &&
        strncasecmp(*list, name, n) == 0)
      return 1;
  return 0;
}

/* Character classes of HTML tags (CommonMark), one table lookup per byte:
 * tags are tested on most paragraph lines here. */
enum {
  TAG_ALPHA = 1,       /* A-Z a-z: first letter of a tag name */
  TAG_NAME = 2,        /* letters, digits, '-' */
  TAG_ATTR_START = 4,  /* letters, '_', ':' */
  TAG_ATTR_NAME = 8,   /* letters, digits, '_', '.', ':', '-' */
  TAG_SPACE = 16,      /* ' ', tab, CR, LF */
  TAG_VALUE_END = 32   /* ends an unquoted value: space, "'=<>` and NUL */
};
static const unsigned char tag_chars[256] = {
    32,  0,  0,  0,  0,  0,  0,  0,  0, 48, 48,  0,  0, 48,  0,  0,
     0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
    48,  0, 32,  0,  0,  0,  0, 32,  0,  0,  0,  0,  0, 10,  8,  0,
    10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 12,  0, 32, 32, 32,  0,
     0, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15,
    15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15,  0,  0,  0,  0, 12,
    32, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15,
    15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15,  0,  0,  0,  0,  0,
};

static int tag_char_is(char c, unsigned classes) {
  return (tag_chars[(unsigned char)c] & classes) != 0;
}

/* The first byte at or after p that is not of the classes, or end. */
static size_t skip_tag_chars(const char *s, size_t p, size_t end,
                             unsigned classes) {
  while (p < end && tag_char_is(s[p], classes)) p++;
  return p;
}

/* The offset of the first c at or after p, or end. Attribute values are
 * short: one 16-byte test usually finds the quote without a call. */
static inline size_t find_byte(const char *s, size_t p, size_t end, char c) {
  if (end - p >= 16) {
    sxs_bytes16 m = sxs_load16(s + p) == (unsigned char)c;
    if (sxs_any16(m)) return p + sxs_first16(m);
    p += 16;
  }
  const char *hit = memchr(s + p, c, end - p);
  return hit ? (size_t)(hit - s) : end;
}

/* An HTML open or closing tag starting at p, complete (CommonMark's
 * definition); returns the offset after '>' or 0. */
size_t sxs_html_tag_end(const char *s, size_t p, size_t end) {
  if (p >= end || s[p] != '<') return 0;
  p++;
  int closing = p < end && s[p] == '/';
  if (closing) p++;
  if (p >= end || !tag_char_is(s[p], TAG_ALPHA)) return 0;
  p = skip_tag_chars(s, p + 1, end, TAG_NAME);
  if (closing) {
    while (p < end && is_space_or_tab(s[p])) p++;
    return p < end && s[p] == '>' ? p + 1 : 0;
  }
  for (;;) {
    size_t ws = p;
    p = skip_tag_chars(s, p, end, TAG_SPACE);
    if (p >= end) return 0;
    if (s[p] == '>') return p + 1;
    if (s[p] == '/') return p + 1 < end && s[p + 1] == '>' ? p + 2 : 0;
    if (p == ws) return 0; /* attributes need white space before them */
    if (!tag_char_is(s[p], TAG_ATTR_START)) return 0;
    p = skip_tag_chars(s, p + 1, end, TAG_ATTR_NAME);
    size_t before = p;
    p = skip_tag_chars(s, p, end, TAG_SPACE);
    if (p < end && s[p] == '=') {
      p = skip_tag_chars(s, p + 1, end, TAG_SPACE);
      if (p >= end) return 0;
      if (s[p] == '"' || s[p] == '\'') {
        char q = s[p++];
        p = find_byte(s, p, end, q);
        if (p >= end) return 0;
        p++;
      } else {
        size_t v = p;
        while (p < end && !tag_char_is(s[p], TAG_VALUE_END)) p++;
        if (p == v) return 0;
      }
    } else {
      p = before;
    }
  }
}

/* A complete HTML tag at p followed only by white space: the start of an
 * HTML block of type 7. Outside its quoted attribute values a complete tag
 * holds no quote and no '>' but its last byte, so where the tag would end
 * is found by skipping quoted runs to the first other '>'. A pair's line
 * ("<span data-ttu-id="...">TARGET...") goes on after that '>' and is
 * rejected without parsing the tag. */
static int line_is_one_tag(const scanner *sc, size_t p, size_t name_end) {
  const char *s = sc->s;
  size_t end = sc->ln.end;
  size_t q = name_end; /* a tag name holds no quote and no '>' */
  for (;;) {
    q = find_any4(s, q, end, '>', '"', '\'', '\'');
    if (q >= end) return 0;
    if (s[q] == '>') break;
    q = find_byte(s, q + 1, end, s[q]);
    if (q >= end) return 0;
    q++;
    if (q < end && s[q] == '>') break; /* the usual '...">' */
  }
  if (!rest_is_blank(sc, q + 1)) return 0;
  size_t e = sxs_html_tag_end(s, p, end);
  return e && rest_is_blank(sc, e);
}

/* The HTML block start condition (1..7) of the line at p, or 0. */
static int html_block_start(const scanner *sc, size_t p, int can_be_type7) {
  static const char *const type1[] = {"script", "pre", "style", NULL};
  static const char *const type6[] = {
      "address", "article", "aside", "base", "basefont", "blockquote", "body",
      "caption", "center", "col", "colgroup", "dd", "details", "dialog",
      "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
      "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head",
      "header", "hr", "html", "iframe", "legend", "li", "link", "main",
      "menu", "menuitem", "meta", "nav", "noframes", "ol", "optgroup",
      "option", "p", "param", "section", "source", "summary", "table",
      "tbody", "td", "tfoot", "th", "thead", "title", "tr", "track", "ul",
      NULL};
  const char *s = sc->s;
  size_t end = sc->ln.end;
  if (p >= end || s[p] != '<') return 0;
  size_t q = p + 1;
  if (q < end && s[q] == '!') {
    if (end - q >= 3 && s[q + 1] == '-' && s[q + 2] == '-') return 2;
    if (end - q >= 8 && memcmp(s + q + 1, "[CDATA[", 7) == 0) return 5;
    if (q + 1 < end && ascii_alpha(s[q + 1])) return 4;
    return 0;
  }
  if (q < end && s[q] == '?') return 3;
  int closing = q < end && s[q] == '/';
  if (closing) q++;
  size_t name = q;
  while (q < end && ascii_alnum(s[q])) q++;
  size_t n = q - name;
  if (n == 0) return 0;
  /* Most lines starting with '<' here start a pair: <span is no block. */
  if (n == 4 && (s[name] | 0x20) == 's' && (s[name + 1] | 0x20) == 'p' &&
      (s[name + 2] | 0x20) == 'a' && (s[name + 3] | 0x20) == 'n')
    return can_be_type7 && line_is_one_tag(sc, p, q) ? 7 : 0;
  char after = q < end ? s[q] : '\n';
  if (!closing && tag_name_in(s + name, n, type1) &&
      (is_space_or_tab(after) || after == '>' || after == '\n' ||
       after == '\r'))
    return 1;
  if (tag_name_in(s + name, n, type6) &&
      (is_space_or_tab(after) || after == '>' || after == '\n' ||
       after == '\r' || (after == '/' && q + 1 < end && s[q + 1] == '>')))
    return 6;
  /* cmark-gfm's scanner takes any complete tag here, a closing </pre>
   * included (an opening <pre> was type 1 above). */
  return can_be_type7 && line_is_one_tag(sc, p, q) ? 7 : 0;
}

static int contains_ci(const char *s, size_t p, size_t end, const char *what) {
  size_t n = strlen(what);
  for (; p + n <= end; p++)
    if (strncasecmp(s + p, what, n) == 0) return 1;
  return 0;
}

static int html_block_ends(const scanner *sc, size_t p) {
  const char *s = sc->s;
  size_t end = sc->ln.end;
  switch (sc->html_type) {
    case 1:
      return contains_ci(s, p, end, "</script>") ||
             contains_ci(s, p, end, "</pre>") ||
             contains_ci(s, p, end, "</style>");
    case 2: return contains_ci(s, p, end, "-->");
    case 3: return contains_ci(s, p, end, "?>");
    case 4: return memchr(s + p, '>', end - p) != NULL;
    case 5: return contains_ci(s, p, end, "]]>");
    default: return 0;
  }
}

/* A list marker at p. Sets *content_indent (columns from the cursor) and
 * *blank_item. interrupts: the line would interrupt a paragraph. */
static int list_marker(const scanner *sc, size_t p, unsigned indent,
                       int interrupts, unsigned *content_indent,
                       size_t *content) {
  const char *s = sc->s;
  size_t end = sc->ln.end;
  size_t q = p;
  if (s[q] == '-' || s[q] == '+' || s[q] == '*') {
    q++;
  } else if (s[q] >= '0' && s[q] <= '9') {
    unsigned long number = 0;
    size_t digits = 0;
    while (q < end && s[q] >= '0' && s[q] <= '9' && digits < 10) {
      number = number * 10 + (unsigned long)(s[q] - '0');
      q++;
      digits++;
    }
    if (digits > 9 || q >= end || (s[q] != '.' && s[q] != ')')) return 0;
    if (interrupts && number != 1) return 0;
    q++;
  } else {
    return 0;
  }
  if (q < end && !is_space_or_tab(s[q])) return 0;
  int blank = rest_is_blank(sc, q);
  if (interrupts && blank) return 0;
  /* Columns from the cursor to just after the marker. */
  unsigned marker_cols = indent + (unsigned)(q - p);
  if (blank) {
    *content_indent = marker_cols + 1;
    *content = end;
    return 1;
  }
  unsigned col = sc->col + marker_cols;
  unsigned spaces = 0;
  size_t r = q;
  while (r < end && is_space_or_tab(s[r]) && spaces < 5) {
    unsigned w = s[r] == '\t' ? 4 - col % 4 : 1;
    col += w;
    spaces += w;
    r++;
  }
  if (spaces >= 5) {
    /* Content starting with 5+ spaces is indented code inside the item. */
    *content_indent = marker_cols + 1;
    *content = q + 1;
  } else {
    *content_indent = marker_cols + spaces;
    *content = r;
  }
  return 1;
}

/* GFM table cells in a row: pipes not escaped, leading and trailing pipes
 * not counted as separators. */
static unsigned row_cells(const char *s, size_t p, size_t end) {
  while (p < end && is_space_or_tab(s[p])) p++;
  while (end > p && is_space_or_tab(s[end - 1])) end--;
  if (p < end && s[p] == '|') p++;
  if (end > p && s[end - 1] == '|' && !(end - 1 > p && s[end - 2] == '\\'))
    end--;
  unsigned cells = 1;
  for (size_t i = find_any4(s, p, end, '|', '\\', '|', '|'); i < end;
       i = find_any4(s, i, end, '|', '\\', '|', '|')) {
    if (s[i] == '|') cells++;
    else if (i + 1 < end) i++; /* an escaped byte separates nothing */
    i++;
  }
  return cells;
}

/* A GFM delimiter row ("| --- | :-: |"): its number of columns, or 0. */
static unsigned delimiter_row(const char *s, size_t p, size_t end) {
  while (end > p && is_space_or_tab(s[end - 1])) end--;
  unsigned cells = 0;
  int any_pipe = 0;
  size_t i = p;
  if (i < end && s[i] == '|') {
    any_pipe = 1;
    i++;
  }
  while (i < end) {
    while (i < end && is_space_or_tab(s[i])) i++;
    if (i < end && s[i] == ':') i++;
    size_t dashes = i;
    while (i < end && s[i] == '-') i++;
    if (i == dashes) return 0;
    if (i < end && s[i] == ':') i++;
    while (i < end && is_space_or_tab(s[i])) i++;
    cells++;
    if (i < end) {
      if (s[i] != '|') return 0;
      any_pipe = 1;
      i++;
    }
  }
  if (!any_pipe && cells < 2) return 0;
  return cells;
}

static void emit_table_row(scanner *sc, size_t content) {
  sxs_context ctx = sc->leaf_context;
  emit(sc, content, sc->ln.end, sc->ln.start, sc->ln.number, &ctx);
}

/* The paragraph's last line is a table header and this line its delimiter
 * row: the lines before it stay a paragraph. */
static int start_table(scanner *sc, size_t p) {
  unsigned columns = delimiter_row(sc->s, p, sc->ln.end);
  if (columns == 0) return 0;
  size_t header = sc->last_line_content;
  size_t header_end;
  const char *nl = memchr(sc->s + header, '\n', sc->leaf_end - header);
  header_end = nl ? (size_t)(nl - sc->s) : sc->leaf_end;
  if (header_end > header && sc->s[header_end - 1] == '\r') header_end--;
  if (row_cells(sc->s, header, header_end) != columns) return 0;
  if (sc->leaf_lines > 1) {
    /* Everything before the header line ends the paragraph. */
    size_t before = sc->last_line_start;
    if (before > sc->leaf_start && sc->s[before - 1] == '\n') before--;
    if (before > sc->leaf_start && sc->s[before - 1] == '\r') before--;
    emit(sc, sc->leaf_start, before, sc->leaf_line_start, sc->leaf_line,
         &sc->leaf_context);
  }
  sxs_context ctx;
  snapshot_context(sc, &ctx, SXS_LEAF_TABLE_CELL);
  emit(sc, header, header_end, sc->last_line_start, sc->last_line_number,
       &ctx);
  sc->leaf = LEAF_TABLE;
  sc->leaf_context = ctx;
  sc->table_columns = columns;
  return 1;
}

/* ---- one line ---- */

static unsigned match_containers(scanner *sc) {
  unsigned matched = 0;
  for (; matched < sc->depth; matched++) {
    container *c = &sc->stack[matched];
    size_t first;
    unsigned indent = indentation(sc, &first);
    /* Blank from here: a line holding only "> " is blank inside the quote. */
    int blank_line = first >= sc->ln.end;
    if (c->kind == SXS_IN_LIST_ITEM) {
      if (indent >= c->content_indent) {
        advance_columns(sc, c->content_indent);
      } else if (blank_line && c->has_child) {
        advance_to(sc, first);
      } else {
        break;
      }
    } else {
      if (indent > 3 || first >= sc->ln.end || sc->s[first] != '>') break;
      advance_to(sc, first + 1);
      if (sc->pos < sc->ln.end && is_space_or_tab(sc->s[sc->pos]))
        advance_columns(sc, 1);
    }
  }
  /* Containers past the tracked depth are matched as well as we can: not
   * at all, which closes them; the page is absurdly nested anyway. */
  return matched;
}

static void scan_line(scanner *sc) {
  const char *s = sc->s;
  sc->pos = sc->ln.start;
  sc->col = 0;
  unsigned matched = match_containers(sc);
  unsigned open = sc->depth + sc->overflow;
  int all_matched = matched == open;
  size_t first;
  unsigned indent = indentation(sc, &first);
  int blank_line = first >= sc->ln.end;

  if (sc->leaf == LEAF_FENCED_CODE) {
    if (all_matched) {
      if (fence_close(sc, first, indent)) sc->leaf = LEAF_NONE;
      return;
    }
    sc->leaf = LEAF_NONE;
  } else if (sc->leaf == LEAF_HTML) {
    if (all_matched) {
      if (sc->html_type >= 6) {
        if (blank_line) {
          close_leaf(sc);
          return;
        }
        sc->leaf_end = sc->ln.end;
        return;
      }
      sc->leaf_end = sc->ln.end;
      if (html_block_ends(sc, sc->pos)) close_leaf(sc);
      return;
    }
    close_leaf(sc);
  } else if (sc->leaf == LEAF_INDENTED_CODE) {
    if (all_matched && (blank_line || indent >= 4)) return;
    sc->leaf = LEAF_NONE;
  }

  int paragraph_open = sc->leaf == LEAF_PARAGRAPH;
  int container_is_paragraph = all_matched && paragraph_open && !blank_line;
  int opened = 0;
  unsigned current = matched; /* containers kept (matched or opened) */

  for (;;) {
    indent = indentation(sc, &first);
    blank_line = first >= sc->ln.end;
    if (blank_line) break;
    char c = s[first];
    if (indent >= 4) {
      if (paragraph_open && !opened) break; /* lazy continuation or text */
      close_containers(sc, current);
      if (sc->leaf == LEAF_PARAGRAPH) break;
      /* Indented code: nothing in it is a pair. */
      close_leaf(sc);
      mark_child(sc);
      sc->leaf = LEAF_INDENTED_CODE;
      return;
    }
    if (c == '>') {
      close_containers(sc, current);
      push_container(sc, SXS_IN_BLOCKQUOTE, 0);
      current = sc->depth + sc->overflow;
      opened = 1;
      paragraph_open = 0;
      container_is_paragraph = 0;
      advance_to(sc, first + 1);
      if (sc->pos < sc->ln.end && is_space_or_tab(s[sc->pos]))
        advance_columns(sc, 1);
      continue;
    }
    if (c == '#' && atx_level(s, first, sc->ln.end)) {
      close_containers(sc, current);
      close_leaf(sc);
      atx_heading(sc, first);
      return;
    }
    if (c == '`' || c == '~') {
      size_t q = first;
      while (q < sc->ln.end && s[q] == c) q++;
      int ok = q - first >= 3;
      if (ok && c == '`')
        for (size_t r = q; r < sc->ln.end; r++)
          if (s[r] == '`') ok = 0;
      if (ok) {
        close_containers(sc, current);
        close_leaf(sc);
        fence_open(sc, first, indent);
        return;
      }
    }
    if (c == '<') {
      int type = html_block_start(sc, first, !container_is_paragraph);
      if (type) {
        close_containers(sc, current);
        close_leaf(sc);
        mark_child(sc);
        sc->leaf = LEAF_HTML;
        sc->html_type = type;
        sc->leaf_start = first;
        sc->leaf_line_start = sc->ln.start;
        sc->leaf_line = sc->ln.number;
        sc->leaf_end = sc->ln.end;
        snapshot_context(sc, &sc->leaf_context, SXS_LEAF_HTML_BLOCK);
        if (type <= 5 && html_block_ends(sc, first)) close_leaf(sc);
        return;
      }
    }
    if (container_is_paragraph && (c == '=' || c == '-')) {
      int level = setext_underline(sc, first);
      if (level) {
        sc->leaf_context.leaf = SXS_LEAF_HEADING;
        sc->leaf_context.heading_level = (uint8_t)level;
        close_leaf(sc);
        return;
      }
    }
    if (thematic_break(sc, first)) {
      close_containers(sc, current);
      close_leaf(sc);
      mark_child(sc);
      return;
    }
    unsigned content_indent;
    size_t content;
    if (list_marker(sc, first, indent, container_is_paragraph, &content_indent,
                    &content)) {
      close_containers(sc, current);
      push_container(sc, SXS_IN_LIST_ITEM, content_indent);
      current = sc->depth + sc->overflow;
      opened = 1;
      paragraph_open = 0;
      container_is_paragraph = 0;
      advance_columns(sc, content_indent);
      if (sc->pos < content) advance_to(sc, content);
      continue;
    }
    if (container_is_paragraph && (c == '|' || c == ':' || c == '-') &&
        start_table(sc, first))
      return;
    break;
  }

  /* Every way out of the loop above leaves the cursor where first and
   * blank_line were measured. */
  if (!opened && !all_matched && paragraph_open && !blank_line) {
    /* Lazy continuation line. */
    add_paragraph_line(sc, first);
    return;
  }
  close_containers(sc, current);
  if (blank_line) {
    if (sc->leaf == LEAF_PARAGRAPH || sc->leaf == LEAF_TABLE) close_leaf(sc);
    return;
  }
  if (sc->leaf == LEAF_PARAGRAPH) {
    add_paragraph_line(sc, first);
  } else if (sc->leaf == LEAF_TABLE) {
    emit_table_row(sc, first);
  } else {
    close_leaf(sc);
    open_paragraph(sc, first);
  }
}

void sxs_scan_blocks(sxs_page *page) {
  scanner sc;
  memset(&sc, 0, sizeof sc);
  sc.page = page;
  sc.s = page->data;
  size_t len = page->len;
  /* Line numbers count from the top of the file, front matter included. */
  unsigned number = 1;
  for (size_t p = 0; p < page->body_start;) {
    const char *nl = memchr(page->data + p, '\n', page->body_start - p);
    if (!nl) break;
    number++;
    p = (size_t)(nl - page->data) + 1;
  }
  size_t p = page->body_start;
  while (p < len) {
    const char *nl = memchr(page->data + p, '\n', len - p);
    size_t end = nl ? (size_t)(nl - page->data) : len;
    sc.ln.start = p;
    sc.ln.next = nl ? end + 1 : len;
    sc.ln.end = end > p && page->data[end - 1] == '\r' ? end - 1 : end;
    sc.ln.number = number++;
    scan_line(&sc);
    p = sc.ln.next;
  }
  close_containers(&sc, 0);
  close_leaf(&sc);
}
