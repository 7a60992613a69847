/* Extraction: the writer's life (temporary file, rename), the byte cleaning
 * every format shares, and the two hand-escaped formats, JSON Lines and TSV.
 *
 * jsonl and tsv are the bulk formats: they are escaped here, into one 64 KiB
 * buffer written with fwrite, scanning runs of bytes that need nothing and
 * copying them whole, so that writing a pair allocates nothing and costs
 * about one pass over its bytes. */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "extract_internal.h"

int sxs_format_from_name(const char *name) {
  static const char *const names[] = {"jsonl", "tsv", "po", "xliff", "tmx"};
  if (!name) return -1;
  for (int i = 0; i < (int)(sizeof names / sizeof names[0]); i++)
    if (strcmp(name, names[i]) == 0) return i;
  return -1;
}

const char *sxs_format_name(sxs_format format) {
  switch (format) {
    case SXS_FORMAT_JSONL: return "jsonl";
    case SXS_FORMAT_TSV: return "tsv";
    case SXS_FORMAT_PO: return "po";
    case SXS_FORMAT_XLIFF: return "xliff";
    case SXS_FORMAT_TMX: return "tmx";
  }
  return "?";
}

void sxs_extract_fail(sxs_extract_writer *w, const char *fmt, ...) {
  if (w->failed) return;
  w->failed = 1;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(w->error, sizeof w->error, fmt, ap);
  va_end(ap);
}

static void set_err(char *err, size_t errsize, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void set_err(char *err, size_t errsize, const char *fmt, ...) {
  if (!err || errsize == 0) return;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err, errsize, fmt, ap);
  va_end(ap);
}

/* ---- UTF-8 and cleaning ------------------------------------------------ */

size_t sxs_utf8_sequence_length(const unsigned char *p, size_t n) {
  unsigned char c = p[0];
  if (c < 0x80) return 1;
  if (c < 0xC2) return 0; /* continuation byte or overlong lead */
  if (c < 0xE0) return (n >= 2 && (p[1] & 0xC0) == 0x80) ? 2 : 0;
  if (c < 0xF0) {
    if (n < 3 || (p[2] & 0xC0) != 0x80) return 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c == 0xE0) lo = 0xA0;      /* overlong */
    else if (c == 0xED) hi = 0x9F; /* UTF-16 surrogates */
    return (p[1] >= lo && p[1] <= hi) ? 3 : 0;
  }
  if (c < 0xF5) {
    if (n < 4 || (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80) return 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c == 0xF0) lo = 0x90;      /* overlong */
    else if (c == 0xF4) hi = 0x8F; /* above U+10FFFF */
    return (p[1] >= lo && p[1] <= hi) ? 4 : 0;
  }
  return 0;
}

static const char replacement_char[] = "\xEF\xBF\xBD"; /* U+FFFD */

/* Characters XML 1.0 does not allow even as references: C0 controls but
 * tab, LF and CR, and U+FFFE / U+FFFF (EF BF BE, EF BF BF). NUL is among
 * the controls, which also keeps the cleaned text a C string. */
static int xml_forbidden(const unsigned char *p, size_t k) {
  if (k == 1) return p[0] < 0x20 && p[0] != '\t' && p[0] != '\n' &&
                     p[0] != '\r';
  return k == 3 && p[0] == 0xEF && p[1] == 0xBF && (p[2] == 0xBE ||
                                                    p[2] == 0xBF);
}

size_t sxs_extract_clean(const char *s, size_t n, int flags, sxs_buf *out) {
  if (sxs_buf_reserve(out, n + 1) < 0) return (size_t)-1;
  const unsigned char *p = (const unsigned char *)s, *end = p + n;
  const unsigned char *run = p;
  size_t replaced = 0;
  while (p < end) {
    if (*p >= 0x20 && *p < 0x80) {
      p++;
      continue;
    }
    size_t k = sxs_utf8_sequence_length(p, (size_t)(end - p));
    if (k && !((flags & SXS_CLEAN_XML) && xml_forbidden(p, k))) {
      p += k;
      continue;
    }
    sxs_buf_append(out, (const char *)run, (size_t)(p - run));
    sxs_buf_append(out, replacement_char, 3);
    replaced++;
    p += k ? k : 1; /* a forbidden character goes whole, bad UTF-8 bytewise */
    run = p;
  }
  sxs_buf_append(out, (const char *)run, (size_t)(p - run));
  if (sxs_buf_reserve(out, 1) < 0) return (size_t)-1;
  out->data[out->len] = '\0';
  return out->failed ? (size_t)-1 : replaced;
}

void sxs_extract_warn_replaced(sxs_extract_writer *w, const char *file,
                               const char *id, unsigned line,
                               unsigned column, size_t count) {
  if (count == 0) return;
  w->replaced += count;
  const char *what = w->format == SXS_FORMAT_JSONL
                         ? "not valid UTF-8"
                         : "not valid UTF-8 or a control character";
  if (w->mem_warnings) {
    if (id)
      sxs_buf_printf(w->mem_warnings,
                     "%s:%u:%u: warning: pair %s: %zu byte%s %s replaced "
                     "with U+FFFD in %s output [replaced-bytes]\n",
                     file, line, column, id, count, count == 1 ? "" : "s",
                     what, sxs_format_name(w->format));
    else
      sxs_buf_printf(w->mem_warnings,
                     "sxs: %s: warning: file name has %zu byte%s %s, "
                     "replaced with U+FFFD in %s output [replaced-bytes]\n",
                     file, count, count == 1 ? "" : "s", what,
                     sxs_format_name(w->format));
  } else if (id)
    fprintf(stderr,
            "%s:%u:%u: warning: pair %s: %zu byte%s %s replaced with "
            "U+FFFD in %s output [replaced-bytes]\n",
            file, line, column, id, count, count == 1 ? "" : "s", what,
            sxs_format_name(w->format));
  else
    fprintf(stderr,
            "sxs: %s: warning: file name has %zu byte%s %s, replaced with "
            "U+FFFD in %s output [replaced-bytes]\n",
            file, count, count == 1 ? "" : "s", what,
            sxs_format_name(w->format));
}

/* ---- string set --------------------------------------------------------- */

/* Members map to the set itself: any non-NULL value marks presence. */
int sxs_strset_contains(const sxs_strset *set, const char *key, size_t len) {
  return sxs_strmap_get(&set->map, key, len) != NULL;
}

int sxs_strset_add(sxs_strset *set, const char *key, size_t len) {
  sxs_strmap_entry *e = sxs_strmap_put(&set->map, key, len);
  if (!e) return -1;
  if (e->value) return 0;
  e->value = set;
  return 1;
}

void sxs_strset_clear(sxs_strset *set) {
  sxs_strmap_free(&set->map, NULL);
}

void sxs_strset_free(sxs_strset *set) {
  sxs_strmap_free(&set->map, NULL);
}

unsigned long sxs_suffix_next(const sxs_strmap *next, const char *base,
                              size_t len, unsigned long first) {
  uintptr_t n = (uintptr_t)sxs_strmap_get(next, base, len);
  return n ? (unsigned long)n : first;
}

int sxs_suffix_save(sxs_strmap *next, const char *base, size_t len,
                    unsigned long n) {
  sxs_strmap_entry *e = sxs_strmap_put(next, base, len);
  if (!e) return -1;
  e->value = (void *)(uintptr_t)n;
  return 0;
}

/* ---- buffered output for jsonl and tsv --------------------------------- */

static void out_flush(sxs_extract_writer *w) {
  if (w->olen == 0) return;
  if (fwrite(w->obuf, 1, w->olen, w->fp) != w->olen)
    sxs_extract_fail(w, "cannot write: %s", strerror(errno));
  w->olen = 0;
}

static void out_write(sxs_extract_writer *w, const void *data, size_t n) {
  if (n == 0) return; /* data may be NULL then */
  if (w->mem) {
    sxs_buf *b = w->mem;
    if (n > b->cap - b->len && sxs_buf_reserve(b, n) < 0) {
      sxs_extract_fail(w, "out of memory");
      return;
    }
    memcpy(b->data + b->len, data, n);
    b->len += n;
    return;
  }
  if (n > SXS_EXTRACT_OBUF_SIZE - w->olen) {
    out_flush(w);
    if (n >= SXS_EXTRACT_OBUF_SIZE) {
      if (fwrite(data, 1, n, w->fp) != n)
        sxs_extract_fail(w, "cannot write: %s", strerror(errno));
      return;
    }
  }
  memcpy(w->obuf + w->olen, data, n);
  w->olen += n;
}

/* Bytes that cannot go into a JSON string as they are: controls, quote,
 * backslash (1) and the start of a multi-byte character, to be checked (2). */
static unsigned char json_class[256];
static unsigned char tsv_class[256];

static void init_classes(void) {
  static int done;
  if (done) return;
  for (int c = 0; c < 0x20; c++) json_class[c] = 1;
  json_class['"'] = json_class['\\'] = 1;
  for (int c = 0x80; c < 0x100; c++) json_class[c] = 2;
  tsv_class['\t'] = tsv_class['\n'] = tsv_class['\r'] = tsv_class['\\'] = 1;
  done = 1;
}

/* Word-at-a-time tests (the "has a zero byte" trick on 64-bit words): they
 * may say yes for a word that needs nothing, never no for one that does;
 * the byte loop then decides. */
#define ONES 0x0101010101010101ull
#define HIGHS 0x8080808080808080ull

static inline uint64_t load_word(const unsigned char *p) {
  uint64_t v;
  memcpy(&v, p, sizeof v);
  return v;
}

static inline uint64_t has_zero_byte(uint64_t v) {
  return (v - ONES) & ~v & HIGHS;
}

/* Some byte is below n (n <= 128). */
static inline uint64_t has_byte_below(uint64_t v, unsigned n) {
  return (v - ONES * n) & ~v & HIGHS;
}

static inline int json_word_needs_care(uint64_t v) {
  return (v & HIGHS) || has_byte_below(v, 0x20) ||
         has_zero_byte(v ^ (ONES * '"')) || has_zero_byte(v ^ (ONES * '\\'));
}

static inline int tsv_word_needs_care(uint64_t v) {
  return has_byte_below(v, 0x0E) || has_zero_byte(v ^ (ONES * '\\'));
}

static inline int json_valid_word_needs_care(uint64_t v) {
  return has_byte_below(v, 0x20) || has_zero_byte(v ^ (ONES * '"')) ||
         has_zero_byte(v ^ (ONES * '\\'));
}

/* The escapers (json_escape, json_escape_valid, tsv_field) share their
 * fast part: copy the bytes that need no escape, sixteen (SSE2) or eight at
 * a time, up to the first that may need one. JSON text not known to be
 * well-formed UTF-8 stops at every byte above 0x7F as well. */
enum escape_kind { ESCAPE_JSON, ESCAPE_JSON_VALID, ESCAPE_TSV };

static inline void copy_plain(char **out, const unsigned char **in,
                              const unsigned char *end,
                              enum escape_kind kind) {
  char *o = *out;
  const unsigned char *p = *in;
#ifdef __SSE2__
  /* Sixteen bytes are stored whole, then o and p advance to the first byte
   * to escape: the room reserved holds at least two bytes for each byte
   * still to read, so at least 16 here. */
  while (end - p >= 16) {
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
    __m128i care;
    if (kind != ESCAPE_TSV) {
      __m128i low = _mm_set1_epi8(0x1f);
      care = _mm_or_si128(
          _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                       _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))),
          _mm_cmpeq_epi8(_mm_max_epu8(v, low), low)); /* v <= 0x1f */
    } else {
      care = _mm_or_si128(
          _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\t')),
                       _mm_cmpeq_epi8(v, _mm_set1_epi8('\n'))),
          _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\r')),
                       _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))));
    }
    unsigned mask = (unsigned)_mm_movemask_epi8(care);
    if (kind == ESCAPE_JSON) mask |= (unsigned)_mm_movemask_epi8(v);
    _mm_storeu_si128((__m128i *)(void *)o, v);
    if (mask) {
      unsigned plain = (unsigned)__builtin_ctz(mask);
      *out = o + plain;
      *in = p + plain;
      return;
    }
    o += 16;
    p += 16;
  }
#endif
  while (end - p >= 8) {
    uint64_t v = load_word(p);
    if (kind == ESCAPE_JSON        ? json_word_needs_care(v)
        : kind == ESCAPE_JSON_VALID ? json_valid_word_needs_care(v)
                                    : tsv_word_needs_care(v))
      break;
    memcpy(o, &v, sizeof v);
    o += 8;
    p += 8;
  }
  *out = o;
  *in = p;
}

/* The JSON escape of a quote, a backslash or a control character. */
static char *json_escape_ascii(char *o, unsigned char c) {
  static const char hex[] = "0123456789abcdef";
  *o++ = '\\';
  switch (c) {
    case '"': *o++ = '"'; break;
    case '\\': *o++ = '\\'; break;
    case '\b': *o++ = 'b'; break;
    case '\f': *o++ = 'f'; break;
    case '\n': *o++ = 'n'; break;
    case '\r': *o++ = 'r'; break;
    case '\t': *o++ = 't'; break;
    default:
      memcpy(o, "u00", 3);
      o[3] = hex[c >> 4];
      o[4] = hex[c & 15];
      o += 5;
  }
  return o;
}

/* Writes s as the inside of a JSON string (RFC 8259) at o, which has room
 * for JSON_ROOM(n) bytes: the short escapes for quote, backslash, \b \f \n
 * \r \t, \u00XX for the other controls, and U+FFFD for each byte that is
 * not part of well-formed UTF-8 (a JSON text must be UTF-8). Returns the
 * end of what it wrote; adds the number of bytes replaced to *replaced. */
#define JSON_ROOM(n) (6 * (n)) /* \u00XX is the longest escape of a byte */

static char *json_escape(char *o, const char *s, size_t n, size_t *replaced) {
  const unsigned char *p = (const unsigned char *)s, *end = p + n;
  while (p < end) {
    copy_plain(&o, &p, end, ESCAPE_JSON);
    if (p >= end) break;
    unsigned char c = *p;
    unsigned char cls = json_class[c];
    if (cls == 0) {
      *o++ = (char)c;
      p++;
      continue;
    }
    if (cls == 2) {
      size_t k = sxs_utf8_sequence_length(p, (size_t)(end - p));
      if (k) {
        memcpy(o, p, k);
        o += k;
        p += k;
        continue;
      }
    }
    p++;
    if (c < 0x80) {
      o = json_escape_ascii(o, c);
    } else {
      memcpy(o, replacement_char, 3);
      o += 3;
      ++*replaced;
    }
  }
  return o;
}

/* json_escape for text known to be well-formed UTF-8 (a page in which the
 * parser found no invalid sequence): multi-byte characters are copied
 * like ASCII, so that accented text stays on the word-at-a-time path. */
static char *json_escape_valid(char *o, const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s, *end = p + n;
  while (p < end) {
    copy_plain(&o, &p, end, ESCAPE_JSON_VALID);
    if (p >= end) break;
    unsigned char c = *p++;
    if (c >= 0x20 && c != '"' && c != '\\') {
      *o++ = (char)c;
      continue;
    }
    o = json_escape_ascii(o, c);
  }
  return o;
}

static char *put_bytes(char *o, const char *s, size_t n) {
  memcpy(o, s, n);
  return o + n;
}

#define PUT_LITERAL(o, lit) put_bytes((o), (lit), sizeof(lit) - 1)

static char *put_unsigned(char *o, unsigned long v) {
  char digits[24];
  size_t i = sizeof digits;
  do {
    digits[--i] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  return put_bytes(o, digits + i, sizeof digits - i);
}

/* One JSON object a line:
 * {"file":…,"id":…,"line":N,"column":N,"context":…,"source":…,"target":…,
 *  "source_locale":"en-US","target_locale":…,"translation_type":…}
 * The members that are the same for every pair of the page (before "id" and
 * after "target") are escaped once per page. Each pair is written straight
 * into room reserved for its longest escaping. */
static int jsonl_add_page(sxs_extract_writer *w, const char *file,
                          const sxs_page *page) {
  size_t file_len = strlen(file);
  const char *locale = sxs_page_locale(page);
  const char *type = sxs_page_translation_type(page);
  size_t locale_len = strlen(locale), type_len = strlen(type);
  size_t data_len;
  const char *data = sxs_page_data(page, &data_len);
  const sxs_pair *pairs = sxs_page_pairs(page);
  size_t count = sxs_page_pair_count(page);
  if (count == 0) return w->failed ? -1 : 0;

  static const char head_key[] = "{\"file\":\"";
  static const char tail_keys[] =
      "\",\"source_locale\":\"" SXS_SOURCE_LOCALE "\",\"target_locale\":\"";
  static const char type_key[] = "\",\"translation_type\":\"";
  sxs_buf *fixed = &w->scratch2; /* head, then tail */
  sxs_buf_clear(fixed);
  if (sxs_buf_reserve(fixed, sizeof head_key + sizeof tail_keys +
                                 sizeof type_key +
                                 JSON_ROOM(file_len + locale_len + type_len) +
                                 8) < 0) {
    sxs_extract_fail(w, "out of memory");
    return -1;
  }
  size_t file_replaced = 0, meta_replaced = 0;
  char *o = fixed->data;
  o = PUT_LITERAL(o, head_key);
  o = json_escape(o, file, file_len, &file_replaced);
  size_t head_len = (size_t)(o - fixed->data);
  o = PUT_LITERAL(o, tail_keys);
  o = json_escape(o, locale, locale_len, &meta_replaced);
  o = PUT_LITERAL(o, type_key);
  o = json_escape(o, type, type_len, &meta_replaced);
  o = PUT_LITERAL(o, "\"}\n");
  const char *head = fixed->data, *tail = fixed->data + head_len;
  size_t tail_len = (size_t)(o - tail);
  sxs_extract_warn_replaced(w, file, NULL, 0, 0, file_replaced);

  int valid = sxs_page_is_valid_utf8(page);
  /* Without a memory buffer each pair is formatted in scratch, then
   * written. */
  sxs_buf *out = w->mem ? w->mem : &w->scratch;
  for (size_t i = 0; i < count && !w->failed; i++) {
    const sxs_pair *pair = &pairs[i];
    const char *id = data + pair->id.start;
    size_t id_len = pair->id.end - pair->id.start;
    size_t source_len = pair->source.end - pair->source.start;
    size_t target_len = pair->target.end - pair->target.start;
    char context[128];
    size_t context_len = sxs_context_format(&pair->context, context,
                                            sizeof context);
    if (context_len >= sizeof context) context_len = strlen(context);
    if (!w->mem) sxs_buf_clear(out);
    size_t room = head_len + tail_len + context_len + 128 +
                  JSON_ROOM(id_len + source_len + target_len);
    if (sxs_buf_reserve(out, room) < 0) {
      sxs_extract_fail(w, "out of memory");
      break;
    }
    size_t replaced = 0;
    o = out->data + out->len;
    o = put_bytes(o, head, head_len);
    o = PUT_LITERAL(o, "\",\"id\":\"");
    o = valid ? json_escape_valid(o, id, id_len)
              : json_escape(o, id, id_len, &replaced);
    o = PUT_LITERAL(o, "\",\"line\":");
    o = put_unsigned(o, pair->line);
    o = PUT_LITERAL(o, ",\"column\":");
    o = put_unsigned(o, pair->column);
    /* Context names are plain ASCII: nothing to escape. */
    o = PUT_LITERAL(o, ",\"context\":\"");
    o = put_bytes(o, context, context_len);
    o = PUT_LITERAL(o, "\",\"source\":\"");
    o = valid ? json_escape_valid(o, data + pair->source.start, source_len)
              : json_escape(o, data + pair->source.start, source_len,
                            &replaced);
    o = PUT_LITERAL(o, "\",\"target\":\"");
    o = valid ? json_escape_valid(o, data + pair->target.start, target_len)
              : json_escape(o, data + pair->target.start, target_len,
                            &replaced);
    o = put_bytes(o, tail, tail_len);
    out->len = (size_t)(o - out->data);
    if (!w->mem) out_write(w, out->data, out->len);
    if (i == 0) sxs_extract_warn_replaced(w, file, NULL, 0, 0, meta_replaced);
    if (replaced) {
      /* The id in the warning must be printable: clean it first (scratch is
       * free: it is either unused or already written). */
      sxs_buf_clear(&w->scratch);
      sxs_extract_clean(id, id_len, 0, &w->scratch);
      sxs_extract_warn_replaced(w, file, w->scratch.data ? w->scratch.data
                                                         : "",
                                pair->line, pair->column, replaced);
    }
    w->pairs++;
  }
  return w->failed ? -1 : 0;
}

/* TSV: the four fields with tab, LF, CR and backslash written as \t, \n,
 * \r, \\ so that a record is one line. Bytes are kept as they are
 * otherwise (no UTF-8 check): TSV carries bytes, and this keeps it a
 * faithful copy of the page. */
#define TSV_ROOM(n) (2 * (n))

static char *tsv_field(char *o, const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s, *end = p + n;
  while (p < end) {
    copy_plain(&o, &p, end, ESCAPE_TSV);
    if (p >= end) break;
    unsigned char c = *p++;
    if (!tsv_class[c]) {
      *o++ = (char)c;
      continue;
    }
    *o++ = '\\';
    switch (c) {
      case '\t': *o++ = 't'; break;
      case '\n': *o++ = 'n'; break;
      case '\r': *o++ = 'r'; break;
      default: *o++ = '\\'; break;
    }
  }
  return o;
}

static int tsv_add_page(sxs_extract_writer *w, const char *file,
                        const sxs_page *page) {
  size_t file_len = strlen(file);
  size_t data_len;
  const char *data = sxs_page_data(page, &data_len);
  const sxs_pair *pairs = sxs_page_pairs(page);
  size_t count = sxs_page_pair_count(page);
  sxs_buf *out = w->mem ? w->mem : &w->scratch;
  for (size_t i = 0; i < count && !w->failed; i++) {
    const sxs_pair *pair = &pairs[i];
    size_t id_len = pair->id.end - pair->id.start;
    size_t source_len = pair->source.end - pair->source.start;
    size_t target_len = pair->target.end - pair->target.start;
    if (!w->mem) sxs_buf_clear(out);
    if (sxs_buf_reserve(out, TSV_ROOM(file_len + id_len + source_len +
                                      target_len) + 4) < 0) {
      sxs_extract_fail(w, "out of memory");
      break;
    }
    char *o = out->data + out->len;
    o = tsv_field(o, file, file_len);
    *o++ = '\t';
    o = tsv_field(o, data + pair->id.start, id_len);
    *o++ = '\t';
    o = tsv_field(o, data + pair->source.start, source_len);
    *o++ = '\t';
    o = tsv_field(o, data + pair->target.start, target_len);
    *o++ = '\n';
    out->len = (size_t)(o - out->data);
    if (!w->mem) out_write(w, out->data, out->len);
    w->pairs++;
  }
  return w->failed ? -1 : 0;
}

/* ---- the writer --------------------------------------------------------- */

/* Creates the temporary file beside path: same directory, so that the
 * final rename cannot cross file systems. */
static int make_temp(sxs_extract_writer *w, const char *path, char *err,
                     size_t errsize) {
  const char *slash = strrchr(path, '/');
  size_t dir_len = slash ? (size_t)(slash - path) + 1 : 0;
  const char *base = path + dir_len;
  size_t size = dir_len + strlen(base) + sizeof ".~sxs-XXXXXX" + 1;
  w->tmp_path = malloc(size);
  if (!w->tmp_path) {
    set_err(err, errsize, "out of memory");
    return -1;
  }
  snprintf(w->tmp_path, size, "%.*s.%s.~sxs-XXXXXX", (int)dir_len, path,
           base);
  int fd = mkstemp(w->tmp_path);
  if (fd < 0) {
    set_err(err, errsize, "%s: cannot create a temporary file: %s", path,
            strerror(errno));
    free(w->tmp_path);
    w->tmp_path = NULL;
    return -1;
  }
  /* mkstemp makes the file 0600; the output should get what a plain
   * fopen would give it. */
  mode_t mask = umask(0);
  umask(mask);
  if (fchmod(fd, 0666 & ~mask) < 0) { /* not fatal: the file stays private */
  }
  w->fp = fdopen(fd, "wb");
  if (!w->fp) {
    set_err(err, errsize, "%s: %s", w->tmp_path, strerror(errno));
    close(fd);
    unlink(w->tmp_path);
    free(w->tmp_path);
    w->tmp_path = NULL;
    return -1;
  }
  return 0;
}

static void writer_free(sxs_extract_writer *w) {
  if (w->xml) sxs_xml_free(w);
  if (w->po) sxs_po_free(w);
  if (w->fp && w->fp != stdout) fclose(w->fp);
  if (w->tmp_path) {
    unlink(w->tmp_path);
    free(w->tmp_path);
  }
  free(w->out_path);
  free(w->obuf);
  sxs_buf_free(&w->scratch);
  sxs_buf_free(&w->scratch2);
  free(w);
}

sxs_extract_writer *sxs_extract_writer_new(sxs_format format,
                                           const char *out_path, char *err,
                                           size_t errsize) {
  if ((int)format < 0 || format > SXS_FORMAT_TMX) {
    set_err(err, errsize, "unknown output format");
    return NULL;
  }
  init_classes();
  sxs_extract_writer *w = calloc(1, sizeof *w);
  if (!w) {
    set_err(err, errsize, "out of memory");
    return NULL;
  }
  w->format = format;
  if (out_path && strcmp(out_path, "-") != 0) {
    /* A symbolic link stays a link: the file it names is replaced. */
    struct stat st;
    int exists = stat(out_path, &st) == 0;
    char *resolved = exists ? realpath(out_path, NULL) : NULL;
    w->out_path = strdup(resolved ? resolved : out_path);
    free(resolved);
    if (!w->out_path) {
      set_err(err, errsize, "out of memory");
      writer_free(w);
      return NULL;
    }
    if (exists && !S_ISREG(st.st_mode)) {
      /* /dev/null, a FIFO, a terminal: renaming a temporary file over it
       * would replace the device with a plain file. Write to it. */
      w->fp = fopen(w->out_path, "wb");
      if (!w->fp) {
        set_err(err, errsize, "%s: %s", out_path, strerror(errno));
        writer_free(w);
        return NULL;
      }
    } else if (make_temp(w, w->out_path, err, errsize) < 0) {
      writer_free(w);
      return NULL;
    }
  } else {
    w->fp = stdout;
  }
  int ok = 0;
  switch (format) {
    case SXS_FORMAT_JSONL:
    case SXS_FORMAT_TSV:
      w->obuf = malloc(SXS_EXTRACT_OBUF_SIZE);
      ok = w->obuf ? 0 : -1;
      if (ok < 0) sxs_extract_fail(w, "out of memory");
      break;
    case SXS_FORMAT_XLIFF:
    case SXS_FORMAT_TMX:
      ok = sxs_xml_begin(w);
      break;
    case SXS_FORMAT_PO:
      ok = sxs_po_begin(w);
      break;
  }
  if (ok < 0) {
    set_err(err, errsize, "%s", w->error[0] ? w->error : "out of memory");
    writer_free(w);
    return NULL;
  }
  return w;
}

int sxs_extract_set_inline_codes(sxs_extract_writer *w, int on) {
  if (w->format != SXS_FORMAT_XLIFF && w->format != SXS_FORMAT_TMX)
    return -1;
  w->inline_codes = on;
  return 0;
}

int sxs_extract_format_page(sxs_format format, const char *file,
                            const sxs_page *page, sxs_buf *out,
                            sxs_buf *warnings, size_t *replaced) {
  if (format != SXS_FORMAT_JSONL && format != SXS_FORMAT_TSV) return -1;
  init_classes();
  sxs_extract_writer w;
  memset(&w, 0, sizeof w);
  w.format = format;
  w.mem = out;
  w.mem_warnings = warnings;
  /* Room for the text of the page and the keys of each pair, so that the
   * buffer grows once per page at most. */
  size_t page_len;
  sxs_page_data(page, &page_len);
  sxs_buf_reserve(out, page_len + 200 * sxs_page_pair_count(page));
  int rc = format == SXS_FORMAT_JSONL ? jsonl_add_page(&w, file, page)
                                      : tsv_add_page(&w, file, page);
  sxs_buf_free(&w.scratch);
  sxs_buf_free(&w.scratch2);
  if (replaced) *replaced = w.replaced;
  return rc;
}

int sxs_extract_add_formatted(sxs_extract_writer *w, const char *data,
                              size_t len, size_t pairs, size_t replaced) {
  if (w->failed) return -1;
  if (w->format != SXS_FORMAT_JSONL && w->format != SXS_FORMAT_TSV) {
    sxs_extract_fail(w, "preformatted pages are only jsonl or tsv");
    return -1;
  }
  w->pages++;
  w->pairs += pairs;
  w->replaced += replaced;
  if (!w->mem && len >= SXS_EXTRACT_OBUF_SIZE / 4) {
    /* A page's worth: written as it is rather than copied through obuf. */
    out_flush(w);
    if (!w->failed && fwrite(data, 1, len, w->fp) != len)
      sxs_extract_fail(w, "cannot write: %s", strerror(errno));
  } else {
    out_write(w, data, len);
  }
  return w->failed ? -1 : 0;
}

int sxs_extract_add_page(sxs_extract_writer *w, const char *file,
                         const sxs_page *page) {
  if (w->failed) return -1;
  w->pages++;
  switch (w->format) {
    case SXS_FORMAT_JSONL: return jsonl_add_page(w, file, page);
    case SXS_FORMAT_TSV: return tsv_add_page(w, file, page);
    case SXS_FORMAT_XLIFF:
    case SXS_FORMAT_TMX: return sxs_xml_add_page(w, file, page);
    case SXS_FORMAT_PO: return sxs_po_add_page(w, file, page);
  }
  return -1;
}

int sxs_extract_finish(sxs_extract_writer *w, char *err, size_t errsize) {
  if (!w->failed) {
    switch (w->format) {
      case SXS_FORMAT_JSONL:
      case SXS_FORMAT_TSV:
        out_flush(w);
        break;
      case SXS_FORMAT_XLIFF:
      case SXS_FORMAT_TMX:
        sxs_xml_finish(w);
        sxs_xml_free(w); /* its last flush must reach the open FILE */
        break;
      case SXS_FORMAT_PO:
        sxs_po_finish(w);
        break;
    }
  }
  if (!w->failed && w->fp) {
    if (fflush(w->fp) != 0 || ferror(w->fp))
      sxs_extract_fail(w, "cannot write: %s", strerror(errno));
    else if (w->fp != stdout && fsync(fileno(w->fp)) != 0 && errno != EINVAL)
      sxs_extract_fail(w, "cannot write: %s", strerror(errno));
  }
  if (w->fp && w->fp != stdout) {
    if (fclose(w->fp) != 0)
      sxs_extract_fail(w, "cannot write: %s", strerror(errno));
    w->fp = NULL;
  }
  if (!w->failed && w->tmp_path) {
    if (rename(w->tmp_path, w->out_path) != 0)
      sxs_extract_fail(w, "cannot rename %s to %s: %s", w->tmp_path,
                       w->out_path, strerror(errno));
    else {
      free(w->tmp_path);
      w->tmp_path = NULL;
    }
  }
  int failed = w->failed;
  if (failed) {
    if (w->out_path)
      set_err(err, errsize, "%s: %s", w->out_path, w->error);
    else
      set_err(err, errsize, "standard output: %s", w->error);
  }
  writer_free(w); /* unlinks the temporary file if it is still there */
  return failed ? -1 : 0;
}

void sxs_extract_abort(sxs_extract_writer *w) {
  if (w) writer_free(w);
}
