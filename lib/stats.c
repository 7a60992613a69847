/* sxs stats: pairs, words by ICU word boundaries, characters. */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include "strmap.h"
#include "sxs/sxs_stats.h"

/* ---- what is counted ----------------------------------------------------- */

static int word_byte(unsigned char c) { return isalnum(c) || c >= 0x80; }

static void append_utf8(sxs_buf *out, uint32_t cp) {
  char b[4];
  size_t n = 0;
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    b[n++] = (char)cp;
  } else if (cp < 0x800) {
    b[n++] = (char)(0xC0 | (cp >> 6));
    b[n++] = (char)(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    b[n++] = (char)(0xE0 | (cp >> 12));
    b[n++] = (char)(0x80 | ((cp >> 6) & 0x3F));
    b[n++] = (char)(0x80 | (cp & 0x3F));
  } else {
    b[n++] = (char)(0xF0 | (cp >> 18));
    b[n++] = (char)(0x80 | ((cp >> 12) & 0x3F));
    b[n++] = (char)(0x80 | ((cp >> 6) & 0x3F));
    b[n++] = (char)(0x80 | (cp & 0x3F));
  }
  sxs_buf_append(out, b, n);
}

/* A character reference at text[i] ('&'): appends what it stands for and
 * returns its length, or 0 when it is not one. */
static size_t entity(const char *text, size_t len, size_t i, sxs_buf *out) {
  size_t j = i + 1;
  if (j < len && text[j] == '#') {
    j++;
    int hex = j < len && (text[j] == 'x' || text[j] == 'X');
    if (hex) j++;
    uint32_t cp = 0;
    size_t digits = 0;
    while (j < len && digits < 8 &&
           (hex ? isxdigit((unsigned char)text[j])
                : isdigit((unsigned char)text[j]))) {
      char c = text[j];
      cp = cp * (hex ? 16 : 10) +
           (uint32_t)(isdigit((unsigned char)c) ? c - '0'
                                                : (tolower((unsigned char)c) - 'a' + 10));
      j++;
      digits++;
    }
    if (!digits || j >= len || text[j] != ';') return 0;
    append_utf8(out, cp);
    return j + 1 - i;
  }
  while (j < len && j - i < 32 && isalnum((unsigned char)text[j])) j++;
  if (j == i + 1 || j >= len || text[j] != ';') return 0;
  static const struct {
    const char *name;
    const char *text;
  } names[] = {{"nbsp", " "},       {"amp", "&"},       {"lt", "<"},
               {"gt", ">"},         {"quot", "\""},     {"apos", "'"},
               {"ndash", "\xE2\x80\x93"}, {"mdash", "\xE2\x80\x94"},
               {"hellip", "\xE2\x80\xA6"}, {"copy", "\xC2\xA9"},
               {"reg", "\xC2\xAE"}, {"trade", "\xE2\x84\xA2"},
               {NULL, NULL}};
  size_t n = j - i - 1;
  const char *repl = " ";
  for (size_t k = 0; names[k].name; k++)
    if (strlen(names[k].name) == n && memcmp(names[k].name, text + i + 1, n) == 0)
      repl = names[k].text;
  sxs_buf_puts(out, repl);
  return j + 1 - i;
}

/* Length of the bracketed link destination "(...)" at text[i], or 0. */
static size_t destination(const char *text, size_t len, size_t i) {
  if (i >= len || text[i] != '(') return 0;
  int depth = 0;
  for (size_t j = i; j < len; j++) {
    if (text[j] == '\\') {
      j++;
      continue;
    }
    if (text[j] == '(') depth++;
    if (text[j] == ')' && --depth == 0) return j + 1 - i;
  }
  return 0;
}

static int starts_url(const char *text, size_t len, size_t i) {
  static const char *const schemes[] = {"https://", "http://", "ftp://",
                                        "mailto:", "www.", NULL};
  for (const char *const *s = schemes; *s; s++) {
    size_t n = strlen(*s);
    if (len - i > n && strncasecmp(text + i, *s, n) == 0) return 1;
  }
  return 0;
}

int sxs_countable_text(const char *text, size_t len, sxs_buf *out) {
  size_t i = 0;
  while (i < len) {
    unsigned char c = (unsigned char)text[i];
    char prev = out->len ? out->data[out->len - 1] : ' ';
    if (c == '\\' && i + 1 < len && ispunct((unsigned char)text[i + 1])) {
      sxs_buf_putc(out, text[i + 1]);
      i += 2;
    } else if (c == '`') {
      size_t run = 0;
      while (i + run < len && text[i + run] == '`') run++;
      size_t j = i + run, close = 0;
      while (j < len && !close) {
        if (text[j] != '`') {
          j++;
          continue;
        }
        size_t r = 0;
        while (j + r < len && text[j + r] == '`') r++;
        if (r == run) close = j + r;
        j += r;
      }
      /* Code is not counted; the space keeps the words around it apart. */
      sxs_buf_putc(out, ' ');
      i = close ? close : i + run;
    } else if (c == '!' && i + 1 < len && text[i + 1] == '[') {
      i++;
    } else if (c == '[') {
      i++;
    } else if (c == ']') {
      i++;
      size_t d = destination(text, len, i);
      if (d) {
        i += d;
      } else if (i < len && text[i] == '[') {
        const char *end = memchr(text + i, ']', len - i);
        if (end) i = (size_t)(end - text) + 1;
      }
    } else if (c == '<') {
      if (len - i >= 4 && memcmp(text + i, "<!--", 4) == 0) {
        size_t j = i + 4;
        while (j + 3 <= len && memcmp(text + j, "-->", 3) != 0) j++;
        i = j + 3 <= len ? j + 3 : len;
        continue;
      }
      size_t j = i + 1;
      if (j < len && text[j] == '/') j++;
      if (j < len && isalpha((unsigned char)text[j])) {
        /* A tag or an autolink: drop up to its '>'. */
        const char *end = memchr(text + j, '>', len - j);
        if (end) {
          sxs_buf_putc(out, ' ');
          i = (size_t)(end - text) + 1;
          continue;
        }
      }
      sxs_buf_putc(out, '<');
      i++;
    } else if (c == '&') {
      size_t n = entity(text, len, i, out);
      if (!n) sxs_buf_putc(out, '&');
      i += n ? n : 1;
    } else if (c == '*' || c == '~') {
      i++;
    } else if (c == '_' && (!word_byte((unsigned char)prev) || i + 1 == len ||
                            !word_byte((unsigned char)text[i + 1]))) {
      i++;
    } else if ((c == 'h' || c == 'H' || c == 'w' || c == 'W' || c == 'f' ||
                c == 'm') &&
               !word_byte((unsigned char)prev) && starts_url(text, len, i)) {
      while (i < len && !isspace((unsigned char)text[i]) && text[i] != '<')
        i++;
    } else {
      sxs_buf_putc(out, (char)c);
      i++;
    }
  }
  return out->failed ? -1 : 0;
}

/* ---- ICU ----------------------------------------------------------------- */

#define BREAK_CACHE 4

/* Opening a break iterator loads rules and dictionaries: keep a few per
 * thread (a run alternates between English and the target locale). */
static _Thread_local struct {
  UBreakIterator *iterator;
  char locale[32];
  unsigned long last_use;
} break_cache[BREAK_CACHE];
static _Thread_local unsigned long break_clock;

static UBreakIterator *word_iterator(const char *locale) {
  char icu[32];
  size_t n = 0;
  for (; locale[n] && n + 1 < sizeof icu; n++)
    icu[n] = locale[n] == '-' ? '_' : locale[n];
  icu[n] = '\0';
  int oldest = 0;
  for (int i = 0; i < BREAK_CACHE; i++) {
    if (break_cache[i].iterator && strcmp(break_cache[i].locale, icu) == 0) {
      break_cache[i].last_use = ++break_clock;
      return break_cache[i].iterator;
    }
    if (break_cache[i].last_use < break_cache[oldest].last_use) oldest = i;
  }
  UErrorCode status = U_ZERO_ERROR;
  UBreakIterator *bi = ubrk_open(UBRK_WORD, icu, NULL, 0, &status);
  if (U_FAILURE(status)) return NULL;
  if (break_cache[oldest].iterator) ubrk_close(break_cache[oldest].iterator);
  break_cache[oldest].iterator = bi;
  memcpy(break_cache[oldest].locale, icu, n + 1);
  break_cache[oldest].last_use = ++break_clock;
  return bi;
}

size_t sxs_count_words(const char *text, size_t len, const char *locale,
                       size_t *chars) {
  if (chars) {
    size_t count = 0;
    int32_t i = 0;
    while ((size_t)i < len) {
      UChar32 c;
      U8_NEXT(text, i, (int32_t)len, c);
      if (c < 0 || !u_isUWhiteSpace(c)) count++;
    }
    *chars = count;
  }
  if (len == 0) return 0;
  if (len > INT32_MAX) return (size_t)-1;
  UBreakIterator *bi = word_iterator(locale && *locale ? locale : "en");
  if (!bi) return (size_t)-1;
  UErrorCode status = U_ZERO_ERROR;
  UText ut = UTEXT_INITIALIZER;
  utext_openUTF8(&ut, text, (int64_t)len, &status);
  ubrk_setUText(bi, &ut, &status);
  if (U_FAILURE(status)) {
    utext_close(&ut);
    return (size_t)-1;
  }
  size_t words = 0;
  for (int32_t b = ubrk_next(bi); b != UBRK_DONE; b = ubrk_next(bi))
    if (ubrk_getRuleStatus(bi) >= UBRK_WORD_NONE_LIMIT) words++;
  /* The iterator keeps a shallow clone: detach it before the text goes. */
  UText empty = UTEXT_INITIALIZER;
  UErrorCode ignored = U_ZERO_ERROR;
  utext_openUTF8(&empty, "", 0, &ignored);
  ubrk_setUText(bi, &empty, &ignored);
  utext_close(&empty);
  utext_close(&ut);
  return words;
}

size_t sxs_count_markdown_words(const char *text, size_t len,
                                const char *locale, size_t *chars) {
  sxs_buf plain = SXS_BUF_INIT;
  if (sxs_countable_text(text, len, &plain) < 0) {
    sxs_buf_free(&plain);
    return (size_t)-1;
  }
  size_t words = sxs_count_words(plain.data ? plain.data : "", plain.len,
                                 locale, chars);
  sxs_buf_free(&plain);
  return words;
}

/* ---- a run --------------------------------------------------------------- */

struct sxs_stats_run {
  sxs_stats total;
  sxs_strmap seen_sources;
  sxs_buf scratch;
};

sxs_stats_run *sxs_stats_run_new(void) {
  return calloc(1, sizeof(sxs_stats_run));
}

void sxs_stats_run_free(sxs_stats_run *run) {
  if (!run) return;
  sxs_strmap_free(&run->seen_sources, NULL);
  sxs_buf_free(&run->scratch);
  free(run);
}

const sxs_stats *sxs_stats_run_total(const sxs_stats_run *run) {
  return &run->total;
}

static int blank(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (!isspace((unsigned char)s[i])) return 0;
  return 1;
}

static size_t count_side(sxs_stats_run *run, const char *text, size_t len,
                         const char *locale, size_t *chars) {
  sxs_buf_clear(&run->scratch);
  if (sxs_countable_text(text, len, &run->scratch) < 0) return (size_t)-1;
  return sxs_count_words(run->scratch.data ? run->scratch.data : "",
                         run->scratch.len, locale, chars);
}

int sxs_stats_add_page(sxs_stats_run *run, const sxs_page *page,
                       sxs_stats *s) {
  memset(s, 0, sizeof *s);
  s->pages = 1;
  const char *type = sxs_page_translation_type(page);
  if (strcmp(type, "MT") == 0) s->mt_pages = 1;
  if (strcmp(type, "HT") == 0) s->ht_pages = 1;
  const char *locale = sxs_page_locale(page);
  size_t len;
  const char *data = sxs_page_data(page, &len);
  const sxs_pair *pairs = sxs_page_pairs(page);
  size_t n = sxs_page_pair_count(page);
  for (size_t i = 0; i < n; i++) {
    const char *src = data + pairs[i].source.start;
    size_t src_len = pairs[i].source.end - pairs[i].source.start;
    const char *tgt = data + pairs[i].target.start;
    size_t tgt_len = pairs[i].target.end - pairs[i].target.start;
    size_t sc, tc;
    size_t sw = count_side(run, src, src_len, "en", &sc);
    size_t tw = count_side(run, tgt, tgt_len, locale, &tc);
    if (sw == (size_t)-1 || tw == (size_t)-1) return -1;
    s->pairs++;
    s->source_words += sw;
    s->target_words += tw;
    s->source_chars += sc;
    s->target_chars += tc;
    int target_blank = blank(tgt, tgt_len);
    if (target_blank) s->empty++;
    else if (tgt_len == src_len && memcmp(tgt, src, src_len) == 0)
      s->untranslated++;
    /* Repetition as a CAT tool sees it: the same SOURCE, byte for byte,
     * earlier in the run. */
    sxs_strmap_entry *e = sxs_strmap_put(&run->seen_sources, src, src_len);
    if (!e) return -1;
    if (e->value) {
      s->repetitions++;
      s->repeated_words += sw;
    }
    e->value = (void *)1;
  }
  sxs_stats *t = &run->total;
  t->pages += s->pages;
  t->mt_pages += s->mt_pages;
  t->ht_pages += s->ht_pages;
  t->pairs += s->pairs;
  t->source_words += s->source_words;
  t->target_words += s->target_words;
  t->source_chars += s->source_chars;
  t->target_chars += s->target_chars;
  t->untranslated += s->untranslated;
  t->empty += s->empty;
  t->repetitions += s->repetitions;
  t->repeated_words += s->repeated_words;
  return 0;
}

/* ---- JSON ---------------------------------------------------------------- */

int sxs_json_append_string(sxs_buf *out, const char *s, size_t len) {
  sxs_buf_putc(out, '"');
  size_t i = 0;
  while (i < len) {
    unsigned char c = (unsigned char)s[i];
    if (c == '"' || c == '\\') {
      sxs_buf_putc(out, '\\');
      sxs_buf_putc(out, (char)c);
      i++;
    } else if (c < 0x20) {
      switch (c) {
        case '\n': sxs_buf_puts(out, "\\n"); break;
        case '\r': sxs_buf_puts(out, "\\r"); break;
        case '\t': sxs_buf_puts(out, "\\t"); break;
        default: sxs_buf_printf(out, "\\u%04x", c);
      }
      i++;
    } else if (c < 0x80) {
      sxs_buf_putc(out, (char)c);
      i++;
    } else {
      int32_t j = (int32_t)i;
      UChar32 cp;
      U8_NEXT(s, j, (int32_t)(len > INT32_MAX ? INT32_MAX : len), cp);
      if (cp < 0) sxs_buf_puts(out, "\xEF\xBF\xBD");
      else sxs_buf_append(out, s + i, (size_t)j - i);
      i = (size_t)j;
    }
  }
  sxs_buf_putc(out, '"');
  return out->failed ? -1 : 0;
}
