/* A small inline tokenizer for TARGET and SOURCE: links, images, code spans,
 * inline HTML, autolinks, bare URLs and e-mail addresses. It is not a full
 * CommonMark inline parser (cmark-gfm is the judge where it matters:
 * emphasis); it is a fast single pass that finds what the checks compare. */
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "check_internal.h"

int32_t check_utf8_next_wide(const char *s, size_t len, size_t *i) {
  const unsigned char *u = (const unsigned char *)s;
  size_t p = *i;
  unsigned char c = u[p];
  if (c < 0x80) {
    *i = p + 1;
    return c;
  }
  int n = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : -1;
  if (n < 0 || c > 0xF4 || p + (size_t)n >= len) {
    *i = p + 1;
    return 0xFFFD;
  }
  int32_t cp = c & (0x3F >> n);
  for (int k = 1; k <= n; k++) {
    if ((u[p + (size_t)k] & 0xC0) != 0x80) {
      *i = p + 1;
      return 0xFFFD;
    }
    cp = (cp << 6) | (u[p + (size_t)k] & 0x3F);
  }
  *i = p + (size_t)n + 1;
  return cp;
}

int32_t check_utf8_prev(const char *s, size_t i, size_t *start) {
  const unsigned char *u = (const unsigned char *)s;
  size_t p = i - 1;
  int back = 0;
  while (p > 0 && (u[p] & 0xC0) == 0x80 && back < 3) {
    p--;
    back++;
  }
  size_t q = p;
  int32_t c = check_utf8_next(s, i, &q);
  if (q != i) { /* not a well-formed sequence ending at i */
    *start = i - 1;
    return 0xFFFD;
  }
  *start = p;
  return c;
}

#define W10 1, 1, 1, 1, 1, 1, 1, 1, 1, 1
#define W26 W10, W10, 1, 1, 1, 1, 1, 1
const unsigned char check_ascii_word[128] = {
    ['0'] = W10, ['A'] = W26, ['a'] = W26};
#undef W10
#undef W26

int check_is_word_char_wide(int32_t c) {
  if (c < 0x80)
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9');
  return u_isalnum(c) || u_hasBinaryProperty(c, UCHAR_ALPHABETIC);
}

static int is_ascii_punct(unsigned char c) {
  return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) ||
         (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
}

static int is_alpha(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static void add_mask(check_inline *in, size_t start, size_t end) {
  if (in->masked_count < sizeof in->masked / sizeof in->masked[0])
    in->masked[in->masked_count++] = (check_span){start, end};
}

/* The end of a code span that opens with a run of n backticks at s[i], or
 * 0 when no closing run of exactly n follows. */
static size_t code_span_end(const char *s, size_t len, size_t i, size_t n,
                            size_t *content_end) {
  size_t p = i + n;
  while (p < len) {
    if (s[p] != '`') {
      p++;
      continue;
    }
    size_t q = p;
    while (q < len && s[q] == '`') q++;
    if (q - p == n) {
      *content_end = p;
      return q;
    }
    p = q;
  }
  return 0;
}

/* Length of an HTML tag, comment or autolink at s[i] == '<', 0 if none.
 * kind: 1 tag, 2 autolink. */
static size_t angle_item(const char *s, size_t len, size_t i, int *kind,
                         check_tag *tag) {
  size_t p = i + 1;
  if (p >= len) return 0;
  if (len - p >= 3 && memcmp(s + p, "!--", 3) == 0) {
    const char *e = NULL;
    for (size_t q = p + 3; q + 2 < len; q++)
      if (s[q] == '-' && s[q + 1] == '-' && s[q + 2] == '>') {
        e = s + q;
        break;
      }
    if (!e) return 0;
    *kind = 1;
    strcpy(tag->name, "!--");
    return (size_t)(e - s) + 3 - i;
  }
  /* Autolink: <scheme:...> or <user@host>. */
  if (is_alpha((unsigned char)s[p])) {
    size_t q = p;
    while (q < len && (is_alpha((unsigned char)s[q]) ||
                       (s[q] >= '0' && s[q] <= '9') || s[q] == '+' ||
                       s[q] == '.' || s[q] == '-'))
      q++;
    if (q < len && s[q] == ':' && q - p >= 2) {
      size_t r = q + 1;
      while (r < len && s[r] != '>' && s[r] != '<' && s[r] != ' ' &&
             s[r] != '\n')
        r++;
      if (r < len && s[r] == '>') {
        *kind = 2;
        return r + 1 - i;
      }
    }
    size_t r = p;
    while (r < len && s[r] != '>' && s[r] != '<' && s[r] != ' ' &&
           s[r] != '\n' && s[r] != '@')
      r++;
    if (r < len && s[r] == '@') {
      size_t t = r + 1;
      while (t < len && s[t] != '>' && s[t] != ' ' && s[t] != '<') t++;
      if (t < len && s[t] == '>' && memchr(s + r, '.', t - r)) {
        *kind = 2;
        return t + 1 - i;
      }
    }
  }
  int closing = 0;
  if (s[p] == '/') {
    closing = 1;
    p++;
  }
  if (p >= len || !is_alpha((unsigned char)s[p])) return 0;
  size_t name_start = p;
  while (p < len && (is_alpha((unsigned char)s[p]) ||
                     (s[p] >= '0' && s[p] <= '9') || s[p] == '-'))
    p++;
  size_t name_len = p - name_start;
  /* Attributes, with quoted values that may hold '>'. */
  char quote = 0;
  while (p < len) {
    char c = s[p];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      if (p > name_start && s[p - 1] == '=') quote = c;
    } else if (c == '>') {
      break;
    } else if (c == '<') {
      return 0;
    }
    p++;
  }
  if (p >= len) return 0;
  *kind = 1;
  size_t k = 0;
  if (closing) tag->name[k++] = '/';
  for (size_t j = 0; j < name_len && k + 1 < sizeof tag->name; j++) {
    char c = s[name_start + j];
    tag->name[k++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
  tag->name[k] = '\0';
  return p + 1 - i;
}

/* The destination end of "(dest "title")" starting at s[i] == '(', or 0.
 * dest is set to the destination without angle brackets. */
static size_t link_destination(const char *s, size_t len, size_t i,
                               check_span *dest) {
  size_t p = i + 1;
  while (p < len && (s[p] == ' ' || s[p] == '\n')) p++;
  if (p < len && s[p] == '<') {
    size_t q = p + 1;
    while (q < len && s[q] != '>' && s[q] != '\n') q++;
    if (q >= len || s[q] != '>') return 0;
    *dest = (check_span){p + 1, q};
    p = q + 1;
  } else {
    size_t q = p;
    int depth = 0;
    while (q < len) {
      char c = s[q];
      if (c == '\\' && q + 1 < len) {
        q += 2;
        continue;
      }
      if (c == ' ' || c == '\n') break;
      if (c == '(') depth++;
      if (c == ')') {
        if (depth == 0) break;
        depth--;
      }
      q++;
    }
    *dest = (check_span){p, q};
    p = q;
  }
  /* An optional title, then ')'. */
  while (p < len && (s[p] == ' ' || s[p] == '\n')) p++;
  if (p < len && (s[p] == '"' || s[p] == '\'' || s[p] == '(')) {
    char close = s[p] == '(' ? ')' : s[p];
    size_t q = p + 1;
    while (q < len && s[q] != close) q += (s[q] == '\\' && q + 1 < len) ? 2 : 1;
    if (q >= len) return 0;
    p = q + 1;
    while (p < len && (s[p] == ' ' || s[p] == '\n')) p++;
  }
  if (p < len && s[p] == ')') return p + 1;
  return 0;
}

/* The matching ']' of '[' at s[i], skipping code spans and escapes; 0 if
 * none. */
static size_t closing_bracket(const char *s, size_t len, size_t i) {
  int depth = 0;
  for (size_t p = i; p < len; p++) {
    char c = s[p];
    if (c == '\\') {
      p++;
      continue;
    }
    if (c == '`') {
      size_t n = 0;
      while (p + n < len && s[p + n] == '`') n++;
      size_t content_end;
      size_t e = code_span_end(s, len, p, n, &content_end);
      p = e ? e - 1 : p + n - 1;
      continue;
    }
    if (c == '[') depth++;
    if (c == ']' && --depth == 0) return p;
  }
  return 0;
}

static size_t bare_url_end(const char *s, size_t len, size_t p) {
  size_t q = p;
  int parens = 0;
  while (q < len) {
    unsigned char c = (unsigned char)s[q];
    if (c <= ' ' || c == '<' || c == '>' || c == '"' || c == '`' ||
        c == '*')
      break;
    if (c == '(') parens++;
    if (c == ')') {
      if (parens == 0) break;
      parens--;
    }
    q++;
  }
  /* Trailing punctuation belongs to the sentence. */
  while (q > p && strchr(".,;:!?'", s[q - 1])) q--;
  return q;
}

static int is_email_char(unsigned char c) {
  return is_alpha(c) || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
         c == '%' || c == '+' || c == '-';
}

static int span_cmp(const void *a, const void *b) {
  const check_span *x = a, *y = b;
  return x->start < y->start ? -1 : x->start > y->start;
}

/* The bytes check_inline_analyze looks at: all others are prose. ('h' and
 * 'w' may start a bare URL, which is matched case-sensitively.) */
static const unsigned char inline_starts[256] = {
    ['\\'] = 1, ['`'] = 1, ['<'] = 1, ['!'] = 1, ['['] = 1, [']'] = 1,
    ['*'] = 1,  ['_'] = 1, ['h'] = 1, ['w'] = 1, ['@'] = 1};

void check_inline_analyze(const char *s, size_t len, check_inline *in) {
  in->link_count = in->code_count = in->tag_count = in->url_count = 0;
  in->masked_count = 0;
  in->has_emphasis_delims = 0;
  /* Closing brackets of recorded links: where the scan jumps past the
   * destination. */
  size_t closes[CHECK_MAX_ITEMS], skips[CHECK_MAX_ITEMS];
  size_t close_count = 0;
  size_t p = 0;
  while (p < len) {
    /* Most bytes start nothing: skip them without the switch, eight at a
     * time while eight are left. */
#ifdef __SSE2__
    /* Sixteen at a time while a byte after them is left: an 'h' or 'w'
     * only counts followed by the 't' of "http" or the 'w' of "www". */
    while (len - p > 16) {
      __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + p));
      __m128i next =
          _mm_loadu_si128((const __m128i *)(const void *)(s + p + 1));
#define SXS_IS(x, c) _mm_cmpeq_epi8(x, _mm_set1_epi8(c))
      __m128i starts = _mm_or_si128(
          _mm_or_si128(_mm_or_si128(SXS_IS(v, '\\'), SXS_IS(v, '`')),
                       _mm_or_si128(SXS_IS(v, '<'), SXS_IS(v, '!'))),
          _mm_or_si128(_mm_or_si128(SXS_IS(v, '['), SXS_IS(v, ']')),
                       _mm_or_si128(SXS_IS(v, '*'), SXS_IS(v, '_'))));
      starts = _mm_or_si128(
          _mm_or_si128(starts, SXS_IS(v, '@')),
          _mm_or_si128(_mm_and_si128(SXS_IS(v, 'h'), SXS_IS(next, 't')),
                       _mm_and_si128(SXS_IS(v, 'w'), SXS_IS(next, 'w'))));
#undef SXS_IS
      unsigned found = (unsigned)_mm_movemask_epi8(starts);
      if (found) {
        p += (unsigned)__builtin_ctz(found);
        break;
      }
      p += 16;
    }
#endif
    const unsigned char *u = (const unsigned char *)s;
    while (len - p >= 8 &&
           !(inline_starts[u[p]] | inline_starts[u[p + 1]] |
             inline_starts[u[p + 2]] | inline_starts[u[p + 3]] |
             inline_starts[u[p + 4]] | inline_starts[u[p + 5]] |
             inline_starts[u[p + 6]] | inline_starts[u[p + 7]]))
      p += 8;
    while (p < len && !inline_starts[(unsigned char)s[p]]) p++;
    if (p >= len) break;
    unsigned char c = (unsigned char)s[p];
    switch (c) {
      case '\\':
        p += (p + 1 < len && is_ascii_punct((unsigned char)s[p + 1])) ? 2 : 1;
        continue;
      case '`': {
        size_t n = 0;
        while (p + n < len && s[p + n] == '`') n++;
        size_t content_end;
        size_t e = code_span_end(s, len, p, n, &content_end);
        if (!e) {
          p += n;
          continue;
        }
        if (in->code_count < CHECK_MAX_ITEMS)
          in->codes[in->code_count] =
              (check_code){{p + n, content_end}, {p, e}};
        in->code_count++;
        add_mask(in, p, e);
        p = e;
        continue;
      }
      case '<': {
        int kind = 0;
        check_tag tag;
        size_t n = angle_item(s, len, p, &kind, &tag);
        if (!n) break;
        if (kind == 1) {
          tag.where = (check_span){p, p + n};
          if (in->tag_count < CHECK_MAX_ITEMS) in->tags[in->tag_count] = tag;
          in->tag_count++;
        } else {
          if (in->url_count < CHECK_MAX_ITEMS)
            in->urls[in->url_count] = (check_span){p + 1, p + n - 1};
          in->url_count++;
        }
        add_mask(in, p, p + n);
        p += n;
        continue;
      }
      case '!':
      case '[': {
        int image = c == '!';
        if (image && (p + 1 >= len || s[p + 1] != '[')) break;
        size_t open = p + (size_t)image;
        size_t close = closing_bracket(s, len, open);
        if (close && close + 1 < len && s[close + 1] == '(') {
          check_span dest;
          size_t end = link_destination(s, len, close + 1, &dest);
          if (end) {
            if (in->link_count < CHECK_MAX_ITEMS)
              in->links[in->link_count] =
                  (check_link){image, {open + 1, close}, dest, end};
            in->link_count++;
            if (close_count < CHECK_MAX_ITEMS) {
              closes[close_count] = close;
              skips[close_count++] = end;
            }
            add_mask(in, close, end);
          }
        }
        p = open + 1;
        continue;
      }
      case ']':
        for (size_t k = 0; k < close_count; k++)
          if (closes[k] == p) {
            p = skips[k];
            goto next;
          }
        break;
      case '*':
      case '_':
        in->has_emphasis_delims = 1;
        break;
      case 'h':
      case 'w':
        if ((p == 0 || !is_alpha((unsigned char)s[p - 1])) &&
            ((len - p > 7 && strncmp(s + p, "http://", 7) == 0) ||
             (len - p > 8 && strncmp(s + p, "https://", 8) == 0) ||
             (len - p > 4 && strncmp(s + p, "www.", 4) == 0))) {
          size_t e = bare_url_end(s, len, p);
          if (in->url_count < CHECK_MAX_ITEMS)
            in->urls[in->url_count] = (check_span){p, e};
          in->url_count++;
          add_mask(in, p, e);
          p = e;
          continue;
        }
        break;
      case '@': {
        size_t a = p;
        while (a > 0 && is_email_char((unsigned char)s[a - 1])) a--;
        size_t b = p + 1;
        while (b < len && is_email_char((unsigned char)s[b])) b++;
        while (b > p + 1 && s[b - 1] == '.') b--;
        if (a < p && b > p + 1 && memchr(s + p, '.', b - p)) {
          if (in->url_count < CHECK_MAX_ITEMS)
            in->urls[in->url_count] = (check_span){a, b};
          in->url_count++;
          add_mask(in, a, b);
          p = b;
          continue;
        }
        break;
      }
      default:
        break;
    }
    p++;
  next:;
  }
  /* Keep masked ranges sorted and merged (e-mails are found late). */
  if (in->masked_count > 1) {
    qsort(in->masked, in->masked_count, sizeof in->masked[0], span_cmp);
    size_t w = 0;
    for (size_t r = 1; r < in->masked_count; r++) {
      if (in->masked[r].start <= in->masked[w].end) {
        if (in->masked[r].end > in->masked[w].end)
          in->masked[w].end = in->masked[r].end;
      } else {
        in->masked[++w] = in->masked[r];
      }
    }
    in->masked_count = w + 1;
  }
}

void check_inline_prose(const check_inline *in, const char *text, size_t len,
                        check_prose_fn fn, void *ctx) {
  size_t at = 0;
  for (size_t k = 0; k < in->masked_count; k++) {
    if (in->masked[k].start > at) fn(ctx, text, at, in->masked[k].start);
    if (in->masked[k].end > at) at = in->masked[k].end;
  }
  if (at < len) fn(ctx, text, at, len);
}

void check_inline_prose_text(const check_inline *in, const char *text,
                             size_t len, sxs_buf *out) {
  size_t at = 0;
  for (size_t k = 0; k < in->masked_count; k++) {
    if (in->masked[k].start > at)
      sxs_buf_append(out, text + at, in->masked[k].start - at);
    sxs_buf_putc(out, ' ');
    if (in->masked[k].end > at) at = in->masked[k].end;
  }
  if (at < len) sxs_buf_append(out, text + at, len - at);
}
