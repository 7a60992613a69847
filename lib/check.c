/* sxs check: the registry of checks, the per-pair checks and the
 * corpus-wide consistency check. */
#include "sxs/sxs_check.h"

#include <ctype.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmark-gfm.h>
#include <unicode/uchar.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "check_cons.h"
#include "check_internal.h"
#include "grow.h"
#include "hash.h"
#include "spool.h"
#include "sxs/sxs_buf.h"
#include "sxs/sxs_io.h"

enum {
  C_PAIR_STRUCTURE,
  C_LINK_DESTINATION,
  C_LINK_COUNT,
  C_LINK_EMPTY,
  C_LINK_PUNCTUATION,
  C_CODE_CHANGED,
  C_CODE_GLUED,
  C_EMPHASIS_COUNT,
  C_EMPHASIS_BROKEN,
  C_HTML_TAGS,
  C_NUMBER_MISSING,
  C_URL_CHANGED,
  C_UNTRANSLATED,
  C_EMPTY_TARGET,
  C_SPACE_EDGE,
  C_SPACE_DOUBLE,
  C_PUNCTUATION_END,
  C_PUNCTUATION_OPENING,
  C_PUNCTUATION_SPACING,
  C_REPEATED_WORD,
  C_CONSISTENCY_SOURCE,
  C_CONSISTENCY_TARGET,
  C_GLOSSARY_TERM,
  C_GLOSSARY_KEEP,
  C_LENGTH_RATIO,
  C_LOCALE_MISMATCH,
  C_LOCALE_MISSING_KEY,
  C_COUNT
};

static const sxs_check_info registry[C_COUNT] = {
    {"pair-structure", "pair", SXS_LEVEL_ERROR,
     "unclosed, mismatched or duplicate pair ids, damaged markup"},
    {"link-destination", "link", SXS_LEVEL_ERROR,
     "link and image destinations differ between source and target"},
    {"link-count", "link", SXS_LEVEL_ERROR,
     "a link or image of the source is missing in the target, or added"},
    {"link-empty-text", "link", SXS_LEVEL_ERROR,
     "the target's link text is empty: [](url)"},
    {"link-punctuation-text", "link", SXS_LEVEL_ERROR,
     "the target's link text is only punctuation: [.](url)"},
    {"code-changed", "code", SXS_LEVEL_ERROR,
     "inline code differs: code must stay identical"},
    {"code-glued", "code", SXS_LEVEL_WARNING,
     "inline code glued to a word where the source has a space"},
    {"emphasis-count", "emphasis", SXS_LEVEL_WARNING,
     "strong or emphasis differ in number"},
    {"emphasis-broken", "emphasis", SXS_LEVEL_WARNING,
     "delimiters in the target that form no emphasis (literal ** rendered)"},
    {"html-tags", "html", SXS_LEVEL_WARNING, "inline HTML tags differ"},
    {"number-missing", "number", SXS_LEVEL_WARNING,
     "a number of the source is missing from the target"},
    {"url-changed", "url", SXS_LEVEL_ERROR,
     "bare URLs, autolinks or e-mail addresses differ"},
    {"untranslated", "untranslated", SXS_LEVEL_WARNING,
     "the target equals the source where a translation is expected"},
    {"empty-target", "empty", SXS_LEVEL_ERROR,
     "the target is empty while the source is not"},
    {"space-edge", "space", SXS_LEVEL_WARNING,
     "leading or trailing white space differs"},
    {"space-double", "space", SXS_LEVEL_WARNING,
     "double spaces added in the target"},
    {"punctuation-end", "punctuation", SXS_LEVEL_WARNING,
     "end punctuation differs (with the locale's equivalents)"},
    {"punctuation-opening", "punctuation", SXS_LEVEL_WARNING,
     "opening ¿ or ¡ missing where the locale requires it"},
    {"punctuation-spacing", "punctuation", SXS_LEVEL_WARNING,
     "no space before ; : ! ? where the locale requires one (French)"},
    {"repeated-word", "repeated", SXS_LEVEL_WARNING,
     "the same word twice in a row in the target"},
    {"consistency-source", "consistency", SXS_LEVEL_WARNING,
     "the same source translated differently in the corpus"},
    {"consistency-target", "consistency", SXS_LEVEL_INFO,
     "one target used for different sources"},
    {"glossary-term", "glossary", SXS_LEVEL_WARNING,
     "a glossary term of the source without its translation in the target"},
    {"glossary-keep", "glossary", SXS_LEVEL_WARNING,
     "a do-not-translate glossary term not kept unchanged in the target"},
    {"length-ratio", "length", SXS_LEVEL_WARNING,
     "target/source length ratio outside the locale's bounds"},
    {"locale-mismatch", "locale", SXS_LEVEL_ERROR,
     "ms.contentlocale disagrees with --locale or the locale folder"},
    {"locale-missing-key", "locale", SXS_LEVEL_WARNING,
     "a required front matter key is missing (ms.contentlocale)"},
};

size_t sxs_check_count(void) { return C_COUNT; }

const sxs_check_info *sxs_check_info_at(size_t index) {
  return index < C_COUNT ? &registry[index] : NULL;
}

int sxs_check_find(const char *name) {
  for (int i = 0; i < C_COUNT; i++)
    if (strcmp(registry[i].name, name) == 0) return i;
  return -1;
}

int sxs_check_level_from_name(const char *name) {
  static const char *const names[] = {"off", "info", "warning", "error"};
  for (int i = 0; i < 4; i++)
    if (strcmp(name, names[i]) == 0) return i;
  if (strcmp(name, "note") == 0) return SXS_LEVEL_INFO;
  return -1;
}

const char *sxs_check_level_name(sxs_check_level level) {
  switch (level) {
    case SXS_LEVEL_ERROR: return "error";
    case SXS_LEVEL_WARNING: return "warning";
    case SXS_LEVEL_INFO: return "info";
    default: return "off";
  }
}

/* What the checks find: the findings and the pairs kept for consistency.
 * A page is checked into a sink of its own (in any thread); the sink is
 * then merged into the checker, in the order of the run. */
typedef struct check_sink {
  sxs_finding *findings;
  size_t count, cap;
  cons_page_log cons;
  /* The target locale of the pairs (all from one page or one pair),
   * lowercase with '-' for '_'; NULL when unknown. */
  char *locale;
  size_t pairs;
  /* The parser found the page well-formed UTF-8: a character is then a
   * byte that is no continuation byte. */
  int valid_utf8;
  int failed; /* out of memory: something is missing */
} check_sink;

static void free_finding(sxs_finding *f) {
  free(f->id);
  free(f->message);
  free(f->source);
  free(f->target);
}

static void sink_free(check_sink *s) {
  for (size_t i = 0; i < s->count; i++) free_finding(&s->findings[i]);
  free(s->findings);
  cons_page_log_free(&s->cons);
  free(s->locale);
  memset(s, 0, sizeof *s);
}

/* The pages' findings in the run's order, each page's by line and column,
 * written out as they come into a spool (in memory, then in an unlinked
 * temporary file), so that what a run keeps does not grow with what it
 * finds. Read back by sxs_finding_reader. */

typedef struct spool_head {
  uint64_t file_index;
  uint32_t line, column;
  int32_t check, level;
  uint64_t len[4]; /* id, message, source, target; SPOOL_NONE: NULL */
} spool_head;
#define SPOOL_NONE UINT64_MAX

typedef struct finding_spool {
  sxs_spool bytes;
  size_t count;
  size_t per_level[4];
  check_order order;
  int failed;
} finding_spool;

struct sxs_checker {
  int levels[C_COUNT];
  char *locale;
  char *locales_dir;
  /* Rules by locale, loaded on first use by whichever thread needs them;
   * each is allocated on its own so that a pointer stays valid while the
   * list grows. */
  check_locale **rules;
  size_t rules_count;
  check_locale fallback_rules;
  pthread_mutex_t rules_lock;
  check_glossary glossary;
  char **files;
  size_t file_count, file_cap;
  finding_spool spool;
  size_t pairs;
  /* The consistency reports could not all be made (out of memory): reading
   * the findings then fails rather than leave some out unsaid. */
  int cons_failed;
  /* The pairs kept for consistency, and their reports once finished. */
  cons_store *cons;
  /* The target locales met, in the order of the run (keys of
   * sink_locale_key): a page's locale index is one more than its place
   * here, 0 for none. */
  char **cons_locales;
  size_t cons_locale_count;
  /* Every finding in order, read when sxs_checker_finding is first
   * called. */
  check_finding_list listed;
  int listed_done;
  /* The baseline: a key of each fingerprint line, sorted. */
  struct baseline_key *baseline;
  size_t baseline_count;
  /* What a complete reading found: findings that count, by level, and the
   * number in the baseline; written by the first reader to reach the end,
   * so that sxs_checker_count_at need not read them all again. */
  pthread_mutex_t tally_lock;
  int tally_done;
  size_t tally[4];
  int finished;
};

/* A fingerprint line kept as two independent 64-bit hashes of its bytes
 * (16 bytes, where the line and its pointer took about 100): a baseline of
 * a large corpus holds hundreds of thousands. Two keys collide by chance
 * once in 2^128, far below any other risk of a line being misread. */
struct baseline_key {
  uint64_t a, b;
};

/* One page's result, checked by sxs_checker_check_page. */
struct sxs_check_page_result {
  char *file;
  check_sink sink;
};

sxs_checker *sxs_checker_new(void) {
  sxs_checker *c = calloc(1, sizeof *c);
  if (!c) return NULL;
  for (int i = 0; i < C_COUNT; i++) c->levels[i] = registry[i].default_level;
  c->cons = cons_store_new();
  if (!c->cons) {
    free(c);
    return NULL;
  }
  pthread_mutex_init(&c->rules_lock, NULL);
  pthread_mutex_init(&c->tally_lock, NULL);
  return c;
}

void sxs_checker_free(sxs_checker *c) {
  if (!c) return;
  free(c->locale);
  free(c->locales_dir);
  for (size_t i = 0; i < c->rules_count; i++) free(c->rules[i]);
  free(c->rules);
  pthread_mutex_destroy(&c->rules_lock);
  pthread_mutex_destroy(&c->tally_lock);
  check_glossary_free(&c->glossary);
  for (size_t i = 0; i < c->file_count; i++) free(c->files[i]);
  free(c->files);
  sxs_spool_free(&c->spool.bytes);
  cons_store_free(c->cons);
  check_finding_list_free(&c->listed);
  for (size_t i = 0; i < c->cons_locale_count; i++) free(c->cons_locales[i]);
  free(c->cons_locales);
  free(c->baseline);
  free(c);
}

int sxs_checker_set_level(sxs_checker *c, const char *name, int level) {
  int changed = 0;
  for (int i = 0; i < C_COUNT; i++)
    if (strcmp(name, "all") == 0 || strcmp(name, registry[i].name) == 0 ||
        strcmp(name, registry[i].family) == 0) {
      c->levels[i] = level < 0 ? (int)registry[i].default_level : level;
      changed++;
    }
  return changed;
}

sxs_check_level sxs_checker_level(const sxs_checker *c, int check) {
  return check >= 0 && check < C_COUNT ? (sxs_check_level)c->levels[check]
                                       : SXS_LEVEL_OFF;
}

static char *dup_n(const char *s, size_t n) {
  char *d = malloc(n + 1);
  if (!d) return NULL;
  memcpy(d, s, n);
  d[n] = '\0';
  return d;
}

void sxs_checker_set_locale(sxs_checker *c, const char *locale) {
  free(c->locale);
  c->locale = locale && *locale ? dup_n(locale, strlen(locale)) : NULL;
}

void sxs_checker_set_locales_dir(sxs_checker *c, const char *dir) {
  free(c->locales_dir);
  c->locales_dir = dir ? dup_n(dir, strlen(dir)) : NULL;
}

int sxs_checker_load_glossary(sxs_checker *c, const char *path, char *err,
                              size_t errsize) {
  return check_glossary_load(&c->glossary, path, c->locale, err, errsize);
}

static const check_locale *rules_for(sxs_checker *c, const char *locale) {
  if (!locale) locale = "";
  const check_locale *found = NULL;
  pthread_mutex_lock(&c->rules_lock);
  for (size_t i = 0; i < c->rules_count && !found; i++)
    if (strcmp(c->rules[i]->name, locale) == 0) found = c->rules[i];
  if (!found) {
    check_locale **grown =
        realloc(c->rules, (c->rules_count + 1) * sizeof *c->rules);
    check_locale *rules = malloc(sizeof *rules);
    if (grown) c->rules = grown;
    if (grown && rules) {
      check_locale_load(rules, locale, c->locales_dir);
      c->rules[c->rules_count++] = rules;
      found = rules;
    } else {
      free(rules);
      if (!c->fallback_rules.length_max)
        check_locale_load(&c->fallback_rules, "", c->locales_dir);
      found = &c->fallback_rules;
    }
  }
  pthread_mutex_unlock(&c->rules_lock);
  return found;
}

/* ---- Findings --------------------------------------------------------- */

static size_t file_index_of(sxs_checker *c, const char *file) {
  if (c->file_count > 0 && strcmp(c->files[c->file_count - 1], file) == 0)
    return c->file_count - 1;
  char **grown = sxs_grow(c->files, &c->file_cap, c->file_count, sizeof *grown,
                          64);
  if (!grown) return c->file_count ? c->file_count - 1 : 0;
  c->files = grown;
  c->files[c->file_count] = dup_n(file, strlen(file));
  return c->file_count++;
}

typedef struct pair_ref {
  const sxs_checker *checker;
  check_sink *sink;
  size_t file_index;
  unsigned line, column;
  const char *id;
  size_t id_len;
  const char *target, *source;
  size_t target_len, source_len;
} pair_ref;

static void add_finding_at(check_sink *s, const pair_ref *p, int check,
                           sxs_check_level level, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Adds a finding whose message (NUL-terminated, or NULL for "") is taken
 * over. */
static void store_finding(check_sink *s, const pair_ref *p, int check,
                          sxs_check_level level, char *message) {
  sxs_finding *grown = sxs_grow(s->findings, &s->cap, s->count, sizeof *grown,
                                16);
  if (!grown) {
    s->failed = 1;
    free(message);
    return;
  }
  s->findings = grown;
  sxs_finding *f = &s->findings[s->count];
  memset(f, 0, sizeof *f);
  f->file_index = p->file_index;
  f->line = p->line;
  f->column = p->column;
  f->id = dup_n(p->id ? p->id : "", p->id ? p->id_len : 0);
  f->check = check;
  f->level = level;
  f->message = message ? message : dup_n("", 0);
  f->source = p->source ? dup_n(p->source, p->source_len) : NULL;
  f->target = p->target ? dup_n(p->target, p->target_len) : NULL;
  /* The run's order is given when the sink is merged; within the sink it
   * is the order of emission. */
  f->sequence = s->count++;
}

static void add_finding_at(check_sink *s, const pair_ref *p, int check,
                           sxs_check_level level, const char *fmt, ...) {
  if (level == SXS_LEVEL_OFF) return;
  sxs_buf msg = SXS_BUF_INIT;
  va_list ap;
  va_start(ap, fmt);
  char small[512];
  int n = vsnprintf(small, sizeof small, fmt, ap);
  va_end(ap);
  if (n >= (int)sizeof small) {
    va_start(ap, fmt);
    if (sxs_buf_reserve(&msg, (size_t)n + 1) == 0) {
      vsnprintf(msg.data, (size_t)n + 1, fmt, ap);
      msg.len = (size_t)n;
    }
    va_end(ap);
  } else if (n > 0) {
    sxs_buf_append(&msg, small, (size_t)n);
  }
  check_cstr(&msg);
  store_finding(s, p, check, level, msg.data);
}

#define FIND(check, ...)                                                   \
  do {                                                                     \
    if (c->levels[check] != SXS_LEVEL_OFF)                                 \
      add_finding_at(p->sink, p, check, (sxs_check_level)c->levels[check], \
                     __VA_ARGS__);                                         \
  } while (0)

/* A brief quotation: at most max bytes, cut on a character boundary, new
 * lines shown as spaces. Returns out. */
char *check_quote(const char *s, size_t len, char *out, size_t size) {
  size_t max = size > 4 ? size - 4 : 0;
  size_t k = 0, i = 0;
  /* ASCII eight bytes at a time when none is a control character, else a
   * byte at a time; the rest a character at a time. */
  const uint64_t ones = 0x0101010101010101ULL, high = ones * 0x80;
  while (i < len && k < max) {
    uint64_t v;
    if (len - i >= 8 && max - k >= 8) {
      memcpy(&v, s + i, 8);
      /* Without high bits, adding 0x60 carries nowhere: a byte keeps its
       * high bit clear only when it is below 0x20. */
      if (!(v & high) && !(~(v + ones * 0x60) & high)) {
        memcpy(out + k, &v, 8);
        i += 8;
        k += 8;
        continue;
      }
    }
    unsigned char b = (unsigned char)s[i];
    if (b >= 0x80) break;
    out[k++] = (b == '\n' || b == '\t' || b == '\r') ? ' ' : (char)b;
    i++;
  }
  while (i < len && k < max) {
    size_t start = i;
    check_utf8_next(s, len, &i);
    if (k + (i - start) > max) {
      i = start;
      break;
    }
    for (size_t j = start; j < i; j++)
      out[k++] = (s[j] == '\n' || s[j] == '\t' || s[j] == '\r') ? ' ' : s[j];
  }
  if (i < len && k + 3 < size) {
    memcpy(out + k, "…", 3);
    k += 3;
  }
  out[k] = '\0';
  return out;
}

/* ---- Multisets of strings --------------------------------------------- */

typedef struct str_item {
  const char *s;
  size_t len;
} str_item;

static int str_item_cmp(const void *a, const void *b) {
  const str_item *x = a, *y = b;
  size_t n = x->len < y->len ? x->len : y->len;
  int r = memcmp(x->s, y->s, n);
  if (r) return r;
  return x->len < y->len ? -1 : x->len > y->len;
}

/* Compares two multisets; writes "missing A, B; added C" into out. Returns
 * whether they differ. */
static int multiset_diff(str_item *src, size_t ns, str_item *tgt, size_t nt,
                         char *out, size_t size) {
  if (ns == 0 && nt == 0) {
    out[0] = '\0';
    return 0;
  }
  if (ns > 1) qsort(src, ns, sizeof *src, str_item_cmp);
  if (nt > 1) qsort(tgt, nt, sizeof *tgt, str_item_cmp);
  sxs_buf missing = SXS_BUF_INIT, added = SXS_BUF_INIT;
  size_t i = 0, j = 0;
  char q[64];
  while (i < ns || j < nt) {
    int r = i >= ns ? 1 : j >= nt ? -1 : str_item_cmp(&src[i], &tgt[j]);
    if (r == 0) {
      i++;
      j++;
    } else if (r < 0) {
      sxs_buf_printf(&missing, "%s'%s'", missing.len ? ", " : "",
                     check_quote(src[i].s, src[i].len, q, sizeof q));
      i++;
    } else {
      sxs_buf_printf(&added, "%s'%s'", added.len ? ", " : "",
                     check_quote(tgt[j].s, tgt[j].len, q, sizeof q));
      j++;
    }
  }
  int differ = missing.len || added.len;
  out[0] = '\0';
  if (missing.len && added.len)
    snprintf(out, size, "source has %s; target has %s", check_cstr(&missing),
             check_cstr(&added));
  else if (missing.len)
    snprintf(out, size, "missing in the target: %s", check_cstr(&missing));
  else if (added.len)
    snprintf(out, size, "not in the source: %s", check_cstr(&added));
  sxs_buf_free(&missing);
  sxs_buf_free(&added);
  return differ;
}

/* ---- Per-pair checks -------------------------------------------------- */

/* memmem is a GNU extension: a portable one. */
static const char *find_bytes(const char *hay, size_t hay_len,
                              const char *needle, size_t needle_len) {
  if (needle_len == 0) return hay;
  for (size_t i = 0; i + needle_len <= hay_len; i++)
    if (hay[i] == needle[0] && memcmp(hay + i, needle, needle_len) == 0)
      return hay + i;
  return NULL;
}

static int is_space_byte(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* 0x80 in each byte of v equal to the byte in `repeated` (all eight bytes
 * the same), 0 elsewhere: exact, no carry from one byte into the next. */
static uint64_t bytes_equal(uint64_t v, uint64_t repeated) {
  const uint64_t low7 = 0x7F7F7F7F7F7F7F7FULL;
  uint64_t x = v ^ repeated;
  return ~(((x & low7) + low7) | x | low7);
}

/* Whether the eight bytes of v are printable ASCII but '*', with single
 * spaces inside only: text that the consistency key keeps as it is. */
static int plain_word(uint64_t v) {
  const uint64_t ones = 0x0101010101010101ULL, high = ones * 0x80;
  if (v & high) return 0;
  /* High bit set where a byte is 0x20 or more. */
  if ((((v & ~high) + ones * (0x80 - 0x20)) & high) != high) return 0;
  if (bytes_equal(v, ones * '*')) return 0;
  uint64_t spaces = bytes_equal(v, ones * ' ');
  /* No two spaces side by side, none in the first or last byte (either
   * byte order). */
  return !(spaces & (spaces >> 8)) && !(spaces & 0x80) &&
         !(spaces >> 63);
}

/* Locale segments of a URL (/en-us/, /es-es/) are localized on purpose:
 * they are compared as one placeholder. */
static void normalize_url(const char *s, size_t len, sxs_buf *out) {
  size_t i = 0, copied = 0; /* s[copied..i) is still to write */
  while (i < len) {
    const char *slash = memchr(s + i, '/', len - i);
    if (!slash) break;
    i = (size_t)(slash - s);
    size_t j = i + 1, letters = 0;
    while (j < len && isalpha((unsigned char)s[j])) j++, letters++;
    if (letters >= 2 && letters <= 3 && j < len && s[j] == '-') {
      size_t k = j + 1, region = 0;
      while (k < len && isalnum((unsigned char)s[k])) k++, region++;
      if (region >= 2 && region <= 4 && (k == len || s[k] == '/')) {
        sxs_buf_append(out, s + copied, i - copied);
        sxs_buf_puts(out, "/LOCALE");
        i = copied = k;
        continue;
      }
    }
    i++;
  }
  sxs_buf_append(out, s + copied, len - copied);
}

static void check_links(pair_ref *p, const check_inline *ti,
                        const check_inline *si) {
  const sxs_checker *c = p->checker;
  const char *t = p->target, *s = p->source;
  size_t tl = ti->link_count < CHECK_MAX_ITEMS ? ti->link_count
                                               : CHECK_MAX_ITEMS;
  size_t sl = si->link_count < CHECK_MAX_ITEMS ? si->link_count
                                               : CHECK_MAX_ITEMS;
  char msg[768], q1[64], q2[64];
  if (ti->link_count != si->link_count) {
    FIND(C_LINK_COUNT, "the source has %zu link%s or image%s, the target %zu",
         si->link_count, si->link_count == 1 ? "" : "s",
         si->link_count == 1 ? "" : "s", ti->link_count);
  } else {
    sxs_buf norm = SXS_BUF_INIT;
    size_t offsets[2][CHECK_MAX_ITEMS + 1];
    for (size_t k = 0; k < sl; k++) {
      offsets[0][k] = norm.len;
      normalize_url(s + si->links[k].dest.start,
                    si->links[k].dest.end - si->links[k].dest.start, &norm);
    }
    offsets[0][sl] = norm.len;
    for (size_t k = 0; k < tl; k++) {
      offsets[1][k] = norm.len;
      normalize_url(t + ti->links[k].dest.start,
                    ti->links[k].dest.end - ti->links[k].dest.start, &norm);
    }
    offsets[1][tl] = norm.len;
    /* Empty destinations leave the buffer unallocated: no offsets from
     * a null pointer. */
    if (sl || tl) sxs_buf_reserve(&norm, 1);
    str_item a[CHECK_MAX_ITEMS], b[CHECK_MAX_ITEMS];
    for (size_t k = 0; norm.data && k < sl; k++)
      a[k] = (str_item){norm.data + offsets[0][k],
                        offsets[0][k + 1] - offsets[0][k]};
    for (size_t k = 0; norm.data && k < tl; k++)
      b[k] = (str_item){norm.data + offsets[1][k],
                        offsets[1][k + 1] - offsets[1][k]};
    if (norm.data && multiset_diff(a, sl, b, tl, msg, sizeof msg))
      FIND(C_LINK_DESTINATION, "link destinations differ: %s", msg);
    sxs_buf_free(&norm);
  }
  /* Empty or punctuation-only link text, where the source has words. */
  for (size_t k = 0; k < tl; k++) {
    const check_link *l = &ti->links[k];
    if (l->image) continue;
    const char *text = t + l->text.start;
    size_t n = l->text.end - l->text.start;
    int has_word = 0, has_visible = 0;
    for (size_t i = 0; i < n;) {
      int32_t ch = check_utf8_next(text, n, &i);
      if (check_is_word_char(ch)) has_word = 1;
      if (ch == '!' && i < n && text[i] == '[') has_word = 1; /* an image */
      if (ch == '`' || ch == '<') has_word = 1; /* code or HTML */
      if (!is_space((char)ch) && ch != '*' && ch != '_' && ch != 0xA0)
        has_visible = 1;
    }
    if (has_word) continue;
    /* The matching source link, by destination, else by position. */
    const check_link *src = NULL;
    for (size_t j = 0; j < sl && !src; j++)
      if (si->links[j].dest.end - si->links[j].dest.start ==
              l->dest.end - l->dest.start &&
          memcmp(s + si->links[j].dest.start, t + l->dest.start,
                 l->dest.end - l->dest.start) == 0)
        src = &si->links[j];
    if (!src && k < sl) src = &si->links[k];
    if (src && src->text.end == src->text.start) continue;
    const char *dest = t + l->dest.start;
    size_t dest_len = l->dest.end - l->dest.start;
    const char *stext = src ? s + src->text.start : "";
    size_t stext_len = src ? src->text.end - src->text.start : 0;
    if (!has_visible)
      FIND(C_LINK_EMPTY, "empty link text [](%s); the source has [%s]",
           check_quote(dest, dest_len, q1, sizeof q1),
           check_quote(stext, stext_len, q2, sizeof q2));
    else
      FIND(C_LINK_PUNCTUATION,
           "link text is only punctuation [%.*s](%s); the source has [%s]",
           (int)n, text, check_quote(dest, dest_len, q1, sizeof q1),
           check_quote(stext, stext_len, q2, sizeof q2));
  }
}

static void check_codes(pair_ref *p, const check_inline *ti,
                        const check_inline *si) {
  const sxs_checker *c = p->checker;
  const char *t = p->target, *s = p->source;
  size_t tn = ti->code_count < CHECK_MAX_ITEMS ? ti->code_count
                                               : CHECK_MAX_ITEMS;
  size_t sn = si->code_count < CHECK_MAX_ITEMS ? si->code_count
                                               : CHECK_MAX_ITEMS;
  str_item a[CHECK_MAX_ITEMS], b[CHECK_MAX_ITEMS];
  for (size_t k = 0; k < sn; k++)
    a[k] = (str_item){s + si->codes[k].content.start,
                      si->codes[k].content.end - si->codes[k].content.start};
  for (size_t k = 0; k < tn; k++)
    b[k] = (str_item){t + ti->codes[k].content.start,
                      ti->codes[k].content.end - ti->codes[k].content.start};
  char msg[768];
  if (multiset_diff(a, sn, b, tn, msg, sizeof msg))
    FIND(C_CODE_CHANGED, "inline code differs: %s", msg);
  /* Glued: a word character right before or after the code span in the
   * target, where the same code in the source has none. */
  for (size_t k = 0; k < tn; k++) {
    const check_code *code = &ti->codes[k];
    int glued_before = 0, glued_after = 0;
    size_t st;
    if (code->whole.start > 0 &&
        check_is_word_char(check_utf8_prev(t, code->whole.start, &st)))
      glued_before = 1;
    size_t after = code->whole.end;
    if (after < p->target_len &&
        check_is_word_char(check_utf8_next(t, p->target_len, &after)))
      glued_after = 1;
    if (!glued_before && !glued_after) continue;
    size_t clen = code->content.end - code->content.start;
    int source_glued = 0, source_found = 0;
    for (size_t j = 0; j < sn; j++) {
      const check_code *sc = &si->codes[j];
      if (sc->content.end - sc->content.start != clen ||
          memcmp(s + sc->content.start, t + code->content.start, clen) != 0)
        continue;
      source_found = 1;
      size_t ss, sa = sc->whole.end;
      if ((glued_before && sc->whole.start > 0 &&
           check_is_word_char(check_utf8_prev(s, sc->whole.start, &ss))) ||
          (glued_after && sa < p->source_len &&
           check_is_word_char(check_utf8_next(s, p->source_len, &sa))))
        source_glued = 1;
    }
    if (!source_found || source_glued) continue;
    char q1[64], q2[96];
    size_t from = code->whole.start > 12 ? code->whole.start - 12 : 0;
    while (from > 0 && ((unsigned char)t[from] & 0xC0) == 0x80) from--;
    FIND(C_CODE_GLUED, "inline code `%s` glued to a word: '%s'",
         check_quote(t + code->content.start, clen, q1, sizeof q1),
         check_quote(t + from, code->whole.end - from, q2, sizeof q2));
    break;
  }
}

/* Published form of a TARGET: the generator's \* is a bare * (FORMAT.md
 * section 4), except "\* " at the start of a line. */
static void unescape_stars(const char *s, size_t len, sxs_buf *out) {
  if (sxs_buf_reserve(out, len) < 0) return;
  char *w = out->data + out->len;
  for (size_t i = 0; i < len; i++) {
    if (s[i] == '\\' && i + 1 < len && s[i + 1] == '*') {
      int line_start = i == 0 || s[i - 1] == '\n';
      if (!(line_start && i + 2 < len && s[i + 2] == ' ')) continue;
    }
    *w++ = s[i];
  }
  out->len = (size_t)(w - out->data);
}

typedef struct emphasis_count {
  int strong, emph, literal; /* literal: runs of ** or __ left as text */
} emphasis_count;

/* What cmark-gfm makes of the text: strong and emphasis nodes, and runs of
 * two delimiters left as literal text. doc starts with "x ", which keeps
 * the text one paragraph (no list, heading or quote) while the first
 * delimiter run still follows white space. */
static void cmark_emphasis(const char *doc, size_t len, emphasis_count *out) {
  memset(out, 0, sizeof *out);
  cmark_node *root = cmark_parse_document(doc, len, CMARK_OPT_DEFAULT);
  if (!root) return;
  sxs_buf text = SXS_BUF_INIT;
  cmark_iter *it = cmark_iter_new(root);
  cmark_event_type ev;
  while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
    cmark_node *node = cmark_iter_get_node(it);
    cmark_node_type type = cmark_node_get_type(node);
    if (ev != CMARK_EVENT_ENTER) continue;
    if (type == CMARK_NODE_STRONG) out->strong++;
    else if (type == CMARK_NODE_EMPH) out->emph++;
    if (type == CMARK_NODE_TEXT) {
      const char *lit = cmark_node_get_literal(node);
      if (lit) sxs_buf_puts(&text, lit);
    } else {
      sxs_buf_putc(&text, '\x01');
    }
  }
  cmark_iter_free(it);
  cmark_node_free(root);
  for (size_t i = 0; i + 1 < text.len; i++)
    if ((text.data[i] == '*' && text.data[i + 1] == '*') ||
        (text.data[i] == '_' && text.data[i + 1] == '_')) {
      out->literal++;
      while (i + 1 < text.len && text.data[i + 1] == text.data[i]) i++;
    }
  sxs_buf_free(&text);
}

/* The class of a character next to a delimiter run, as CommonMark sees it:
 * ' ' white space, '.' punctuation, 'a' anything else; 0 for a symbol
 * beyond ASCII, which cmark-gfm versions class differently. */
static char flank_class(int32_t c) {
  if (c < 0x80) {
    if (c == ' ' || c == '\t' || c == '\f') return ' ';
    if ((c >= '!' && c <= '/') || (c >= ':' && c <= '@') ||
        (c >= '[' && c <= '`') || (c >= '{' && c <= '~'))
      return '.';
    return 'a';
  }
  int type = u_charType(c);
  if (type == U_SPACE_SEPARATOR) return ' ';
  if (type == U_MATH_SYMBOL || type == U_CURRENCY_SYMBOL ||
      type == U_MODIFIER_SYMBOL || type == U_OTHER_SYMBOL)
    return 0;
  return u_ispunct(c) ? '.' : 'a';
}

#define SKELETON_MAX 64

/* Emphasis depends only on the runs of '*' (their lengths, their order)
 * and on whether each can open or close, which the characters next to it
 * decide by class. So text made of '*' runs and plain words is reduced to
 * a skeleton: "x ", the runs as they are, and each stretch of text between
 * them as the classes of its first and last characters ("**Nota:** ver"
 * becomes "x **a.** a"). cmark parses the skeleton, a few bytes, and the
 * answer is cached. Returns the skeleton's length, 0 when the text holds
 * anything else inline (links, code, HTML, entities, escapes, '_', line
 * breaks) or does not fit. An '&' that is no entity, or starts one of a
 * few entities that stand for no delimiter, stays: it is read as written
 * around a run (flanking looks at the raw text) and it ends no run. So do
 * links whose brackets and parentheses all close within one stretch: no
 * run is inside them, and whether they are links or literal text, what
 * touches a run is the raw '[' or ')' and their text holds no delimiter. */
static const unsigned char skeleton_stops[256] = {
    [0] = 1,    ['\\'] = 1, ['`'] = 1,  ['<'] = 1,  ['['] = 1,  [']'] = 1,
    ['('] = 1,  [')'] = 1,  ['&'] = 1,  ['_'] = 1,  ['\n'] = 1, ['\r'] = 1};

/* The first byte from s[i] on that may be '*' or a stop: every such byte,
 * and a few others (the caller looks again); len if none. */
static size_t next_skeleton_candidate(const char *s, size_t i, size_t len) {
#ifdef __SSE2__
  for (; len - i >= 16; i += 16) {
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
    /* Unsigned ranges: v - lo <= hi - lo. */
#define SXS_IN(lo, hi)                                                     \
  _mm_cmpeq_epi8(_mm_min_epu8(_mm_sub_epi8(v, _mm_set1_epi8((char)(lo))), \
                              _mm_set1_epi8((char)((hi) - (lo)))),        \
                 _mm_sub_epi8(v, _mm_set1_epi8((char)(lo))))
    __m128i maybe = _mm_or_si128(
        _mm_or_si128(SXS_IN(0x00, '\r'), SXS_IN('&', '*')),
        _mm_or_si128(SXS_IN('[', '`'), _mm_cmpeq_epi8(v, _mm_set1_epi8('<'))));
#undef SXS_IN
    unsigned found = (unsigned)_mm_movemask_epi8(maybe);
    if (found) return i + (unsigned)__builtin_ctz(found);
  }
#endif
  while (i < len && s[i] != '*' && !skeleton_stops[(unsigned char)s[i]]) i++;
  return i;
}

static int harmless_ampersand(const char *s, size_t len) {
  static const char *const entities[] = {"&gt;", "&lt;", "&amp;", "&quot;"};
  if (len == 1 || s[1] == ' ') return 1;
  for (size_t e = 0; e < sizeof entities / sizeof *entities; e++) {
    size_t n = strlen(entities[e]);
    if (len >= n && memcmp(s, entities[e], n) == 0) return 1;
  }
  return 0;
}

static size_t emphasis_skeleton(const char *s, size_t len,
                                char out[SKELETON_MAX]) {
  size_t k = 0;
  out[k++] = 'x';
  out[k++] = ' ';
  size_t i = 0;
  while (i < len) {
    if (s[i] == '*') {
      while (i < len && s[i] == '*') {
        if (k >= SKELETON_MAX) return 0;
        out[k++] = '*';
        i++;
      }
      continue;
    }
    /* A stretch of text up to the next run: only its first and last
     * characters touch a run. */
    size_t from = i;
    /* Open brackets and parentheses; broken: one closed before opening. */
    int brackets = 0, square = 0, round = 0, broken = 0;
    for (;;) {
      i = next_skeleton_candidate(s, i, len);
      if (i >= len || s[i] == '*') break;
      char b = s[i];
      if (skeleton_stops[(unsigned char)b]) {
        if (b == '[' || b == ']') {
          brackets = 1;
          square += b == '[' ? 1 : -1;
          broken |= square < 0;
        } else if (b == '(' || b == ')') {
          round += b == '(' ? 1 : -1;
          broken |= round < 0;
        } else if (b != '&' || !harmless_ampersand(s + i, len - i)) {
          return 0;
        }
      }
      i++;
    }
    if (brackets && (broken || square || round)) return 0;
    size_t first_end = from, last_start;
    char first = flank_class(check_utf8_next(s, i, &first_end));
    char last = flank_class(check_utf8_prev(s, i, &last_start));
    if (!first || !last || k + 2 > SKELETON_MAX) return 0;
    out[k++] = first;
    if (first_end < i) out[k++] = last;
  }
  return k;
}

/* What cmark-gfm made of a document: a skeleton, or a short text that has
 * none (the same English source comes back page after page). */
#define MEMO_TEXT 160

typedef struct emphasis_memo {
  size_t len;
  char text[MEMO_TEXT];
  emphasis_count count;
} emphasis_memo;

#define EMPHASIS_MEMOS 512

/* Skeletons apart from whole texts: they come back often, and long texts
 * passing through would push them out. */
typedef struct skeleton_memo {
  size_t len;
  char text[SKELETON_MAX];
  emphasis_count count;
} skeleton_memo;

#define SKELETON_SETS 512 /* of two, the one used last first */

/* A slot for text among `slots` (a power of two): FNV-1a, whose low bits
 * are alike for short texts, mixed so that its top bits choose. */
static size_t memo_slot(const char *s, size_t len, size_t slots) {
  uint64_t h = 14695981039346656037ULL;
  for (size_t i = 0; i < len; i++)
    h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
  h = (h ^ (h >> 29)) * 0x9E3779B97F4A7C15ULL;
  int bits = 0;
  while (((size_t)1 << bits) < slots) bits++;
  return bits ? (size_t)(h >> (64 - bits)) : 0;
}

static void count_emphasis(const char *s, size_t len, emphasis_count *out) {
  /* Per thread: pages are checked in parallel. Fixed size, nothing to
   * free when a thread ends. */
  static _Thread_local emphasis_memo memo[EMPHASIS_MEMOS];
  static _Thread_local skeleton_memo skeletons[SKELETON_SETS][2];
  memset(out, 0, sizeof *out);
  /* Without a delimiter, written or as an entity, there is no emphasis
   * and no literal run (the other side of the pair may have some). */
  if (!memchr(s, '*', len) && !memchr(s, '_', len) && !memchr(s, '&', len))
    return;
  /* The published form differs only where a backslash is. */
  sxs_buf doc = SXS_BUF_INIT;
  const char *text = s;
  size_t text_len = len;
  if (memchr(s, '\\', len)) {
    unescape_stars(s, len, &doc);
    if (doc.failed) return;
    text = doc.data ? doc.data : "";
    text_len = doc.len;
  }
  char skeleton[SKELETON_MAX];
  size_t n = emphasis_skeleton(text, text_len, skeleton);
  if (n) {
    skeleton_memo *set = skeletons[memo_slot(skeleton, n, SKELETON_SETS)];
    if (set[0].len != n || memcmp(set[0].text, skeleton, n) != 0) {
      skeleton_memo found = set[1];
      if (found.len != n || memcmp(found.text, skeleton, n) != 0) {
        cmark_emphasis(skeleton, n, &found.count);
        memcpy(found.text, skeleton, n);
        found.len = n;
      }
      set[1] = set[0];
      set[0] = found;
    }
    *out = set[0].count;
    sxs_buf_free(&doc);
    return;
  }
  /* cmark reads the text after "x " (see cmark_emphasis). */
  sxs_buf parsed = SXS_BUF_INIT;
  sxs_buf_puts(&parsed, "x ");
  sxs_buf_append(&parsed, text, text_len);
  sxs_buf_free(&doc);
  if (parsed.failed) {
    sxs_buf_free(&parsed);
    return;
  }
  n = parsed.len;
  if (n <= MEMO_TEXT) {
    emphasis_memo *m = &memo[memo_slot(parsed.data, n, EMPHASIS_MEMOS)];
    if (m->len != n || memcmp(m->text, parsed.data, n) != 0) {
      cmark_emphasis(parsed.data, n, &m->count);
      memcpy(m->text, parsed.data, n);
      m->len = n;
    }
    *out = m->count;
  } else {
    cmark_emphasis(parsed.data, n, out);
  }
  sxs_buf_free(&parsed);
}

static void check_emphasis(pair_ref *p, const check_inline *ti,
                           const check_inline *si) {
  const sxs_checker *c = p->checker;
  if (!ti->has_emphasis_delims && !si->has_emphasis_delims) return;
  if (c->levels[C_EMPHASIS_COUNT] == SXS_LEVEL_OFF &&
      c->levels[C_EMPHASIS_BROKEN] == SXS_LEVEL_OFF)
    return;
  emphasis_count te, se;
  count_emphasis(p->target, p->target_len, &te);
  count_emphasis(p->source, p->source_len, &se);
  if (te.literal > se.literal) {
    FIND(C_EMPHASIS_BROKEN,
         "delimiters in the target form no emphasis: %d literal '**' or "
         "'__' when rendered",
         te.literal - se.literal);
  } else if (te.strong != se.strong || te.emph != se.emph) {
    FIND(C_EMPHASIS_COUNT,
         "the source has %d strong and %d emphasis, the target %d and %d",
         se.strong, se.emph, te.strong, te.emph);
  }
}

static void check_tags(pair_ref *p, const check_inline *ti,
                       const check_inline *si) {
  const sxs_checker *c = p->checker;
  size_t tn = ti->tag_count < CHECK_MAX_ITEMS ? ti->tag_count
                                              : CHECK_MAX_ITEMS;
  size_t sn = si->tag_count < CHECK_MAX_ITEMS ? si->tag_count
                                              : CHECK_MAX_ITEMS;
  str_item a[CHECK_MAX_ITEMS], b[CHECK_MAX_ITEMS];
  for (size_t k = 0; k < sn; k++)
    a[k] = (str_item){si->tags[k].name, strlen(si->tags[k].name)};
  for (size_t k = 0; k < tn; k++)
    b[k] = (str_item){ti->tags[k].name, strlen(ti->tags[k].name)};
  char msg[768];
  if (multiset_diff(a, sn, b, tn, msg, sizeof msg))
    FIND(C_HTML_TAGS, "inline HTML tags differ: %s", msg);
}

static void check_urls(pair_ref *p, const check_inline *ti,
                       const check_inline *si) {
  const sxs_checker *c = p->checker;
  size_t tn = ti->url_count < CHECK_MAX_ITEMS ? ti->url_count
                                              : CHECK_MAX_ITEMS;
  size_t sn = si->url_count < CHECK_MAX_ITEMS ? si->url_count
                                              : CHECK_MAX_ITEMS;
  if (tn == 0 && sn == 0) return;
  sxs_buf norm = SXS_BUF_INIT;
  size_t off[2][CHECK_MAX_ITEMS + 1];
  for (size_t k = 0; k < sn; k++) {
    off[0][k] = norm.len;
    normalize_url(p->source + si->urls[k].start,
                  si->urls[k].end - si->urls[k].start, &norm);
  }
  off[0][sn] = norm.len;
  for (size_t k = 0; k < tn; k++) {
    off[1][k] = norm.len;
    normalize_url(p->target + ti->urls[k].start,
                  ti->urls[k].end - ti->urls[k].start, &norm);
  }
  off[1][tn] = norm.len;
  sxs_buf_reserve(&norm, 1); /* never a null pointer to offset */
  str_item a[CHECK_MAX_ITEMS], b[CHECK_MAX_ITEMS];
  for (size_t k = 0; norm.data && k < sn; k++)
    a[k] = (str_item){norm.data + off[0][k], off[0][k + 1] - off[0][k]};
  for (size_t k = 0; norm.data && k < tn; k++)
    b[k] = (str_item){norm.data + off[1][k], off[1][k + 1] - off[1][k]};
  char msg[768];
  if (norm.data && multiset_diff(a, sn, b, tn, msg, sizeof msg))
    FIND(C_URL_CHANGED, "URLs or e-mail addresses differ: %s", msg);
  sxs_buf_free(&norm);
}

static void check_number_pair(pair_ref *p, const check_inline *ti,
                              const check_inline *si,
                              const check_locale *rules) {
  const sxs_checker *c = p->checker;
  check_numbers src = {0}, tgt = {0};
  check_numbers_source(si, p->source, p->source_len, &src);
  if (src.count) {
    check_numbers_target(ti, p->target, p->target_len, rules, &tgt);
    sxs_buf missing = SXS_BUF_INIT;
    for (size_t i = 0; i < src.count; i++) {
      const char *v = src.items[i];
      if (check_numbers_has(&tgt, v)) continue;
      /* "1" is as often an article or dropped ("in the last 1 month" ->
       * "nell'ultimo mese") as it is a number: not reported. */
      if (strcmp(v, "1") == 0) continue;
      /* "1" may be written "uno"/"una": a one-digit number spelled out in
       * the target's language is kept. */
      if (v[0] >= '0' && v[0] <= '9' && v[1] == '\0' &&
          check_number_spelled(rules->name, v[0] - '0', p->target,
                               p->target_len))
        continue;
      /* Leading zeros (08/2019 -> 8/2019). */
      const char *nz = v;
      while (nz[0] == '0' && nz[1] >= '0' && nz[1] <= '9') nz++;
      if (nz != v && check_numbers_has(&tgt, nz)) continue;
      sxs_buf_printf(&missing, "%s%s", missing.len ? ", " : "", v);
    }
    if (missing.len)
      FIND(C_NUMBER_MISSING, "number%s of the source missing in the target: %s",
           strchr(check_cstr(&missing), ',') ? "s" : "", check_cstr(&missing));
    sxs_buf_free(&missing);
  }
  check_numbers_free(&src);
  check_numbers_free(&tgt);
}

/* Whether text reads as prose to translate: at least two common words
 * (lowercase letters only), making up 40% of the words. Identifiers
 * (camelCase, digits, _ { / . @ =) and capitalized words (names, product
 * names, UI labels kept in English) do not count as common words. */
static int has_common_word(const char *s, size_t len) {
  int words = 0, common = 0;
  size_t i = 0;
  while (i < len) {
    while (i < len && is_space_byte(s[i])) i++;
    size_t start = i;
    while (i < len && !is_space_byte(s[i])) i++;
    size_t end = i;
    /* Strip the punctuation around a token. */
    while (start < end && strchr("([{\"'*_,.:;!?)]}<>", s[start]) &&
           s[start] != '{')
      start++;
    while (end > start && strchr("([\"'*_,.:;!?)]}<>", s[end - 1]) &&
           s[end - 1] != '}')
      end--;
    if (end <= start) continue;
    int identifier = 0, letters = 0, lower_seen = 0, first_lower = -1;
    for (size_t k = start; k < end;) {
      int32_t ch = check_utf8_next(s, end, &k);
      if ((ch >= '0' && ch <= '9') ||
          (ch < 0x80 && strchr("_{}/\\=@.<>|#&+$", (int)ch)) ||
          (k == start + 1 && ch == '-'))
        identifier = 1;
      else {
        /* ICU's answers, which ASCII has without asking. */
        int lower, upper, alphabetic;
        if (ch < 0x80) {
          lower = ch >= 'a' && ch <= 'z';
          upper = ch >= 'A' && ch <= 'Z';
          alphabetic = lower || upper;
        } else {
          alphabetic = u_isUAlphabetic(ch);
          lower = alphabetic && u_islower(ch);
          upper = alphabetic && u_isupper(ch);
        }
        if (alphabetic) {
          letters++;
          if (first_lower < 0) first_lower = lower;
          if (upper && lower_seen) identifier = 1; /* camelCase */
          if (lower) lower_seen = 1;
        }
      }
    }
    if (identifier || letters < 2) continue;
    words++;
    if (first_lower == 1) common++;
  }
  return common >= 2 && common * 10 >= words * 4;
}

static int only_glossary_kept(const check_glossary *g, const char *prose,
                              size_t len) {
  /* The prose with every do-not-translate term removed. */
  if (!g->count) return 0;
  sxs_buf rest = SXS_BUF_INIT;
  sxs_buf_append(&rest, prose, len);
  for (size_t k = 0; k < g->count && rest.data; k++) {
    if (!g->terms[k].do_not_translate) continue;
    size_t tl = strlen(g->terms[k].term);
    const char *hit;
    while ((hit = check_find_word(rest.data, rest.len, g->terms[k].term, tl))) {
      memset((char *)hit, ' ', tl);
    }
  }
  int result = rest.data ? !has_common_word(rest.data, rest.len) : 0;
  sxs_buf_free(&rest);
  return result;
}

static void check_untranslated(pair_ref *p, const check_inline *si) {
  const sxs_checker *c = p->checker;
  size_t ts = 0, te = p->target_len, ss = 0, se = p->source_len;
  while (ts < te && is_space(p->target[ts])) ts++;
  while (te > ts && is_space(p->target[te - 1])) te--;
  while (ss < se && is_space(p->source[ss])) ss++;
  while (se > ss && is_space(p->source[se - 1])) se--;
  if (te - ts != se - ss || memcmp(p->target + ts, p->source + ss, te - ts))
    return;
  sxs_buf prose = SXS_BUF_INIT;
  check_inline_prose_text(si, p->source, p->source_len, &prose);
  int translatable = prose.data && has_common_word(prose.data, prose.len) &&
                     !only_glossary_kept(&c->glossary, prose.data, prose.len);
  sxs_buf_free(&prose);
  if (!translatable) return;
  char q[80];
  FIND(C_UNTRANSLATED, "the target equals the source: '%s'",
       check_quote(p->source + ss, se - ss, q, sizeof q));
}

static size_t count_double_spaces(const char *s, size_t len) {
  const uint64_t ones = 0x0101010101010101ULL;
  size_t n = 0;
  for (size_t i = 0; i + 1 < len;) {
#ifdef __SSE2__
    /* Sixteen bytes in which no pair of spaces starts are skipped whole;
     * otherwise the scan goes on from the first pair. */
    if (len - i > 16) {
      __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
      unsigned sp = (unsigned)_mm_movemask_epi8(
          _mm_cmpeq_epi8(v, _mm_set1_epi8(' ')));
      unsigned pairs = (sp & (sp >> 1)) | ((sp >> 15) && s[i + 16] == ' '
                                              ? 0x8000u : 0);
      if (!pairs) {
        i += 16;
        continue;
      }
      i += (unsigned)__builtin_ctz(pairs);
    }
#endif
    uint64_t v;
    /* Eight bytes without two spaces side by side, the last not the
     * first of a pair with the next byte, are skipped whole. */
    if (len - i > 8 && (s[i + 7] != ' ' || s[i + 8] != ' ')) {
      memcpy(&v, s + i, 8);
      uint64_t spaces = bytes_equal(v, ones * ' ');
      if (!(spaces & (spaces >> 8))) {
        i += 8;
        continue;
      }
    }
    if (s[i] == ' ' && s[i + 1] == ' ') {
      n++;
      while (i + 1 < len && s[i + 1] == ' ') i++;
    }
    i++;
  }
  return n;
}

static void check_space(pair_ref *p) {
  const sxs_checker *c = p->checker;
  int tl = p->target_len && is_space(p->target[0]);
  int sl = p->source_len && is_space(p->source[0]);
  int tt = p->target_len && is_space(p->target[p->target_len - 1]);
  int st = p->source_len && is_space(p->source[p->source_len - 1]);
  if (tl != sl || tt != st) {
    const char *side = tl != sl ? "leading" : "trailing";
    int has = tl != sl ? tl : tt;
    FIND(C_SPACE_EDGE, "%s white space %s in the target", side,
         has ? "added" : "missing");
  }
  size_t td = count_double_spaces(p->target, p->target_len);
  size_t sd = count_double_spaces(p->source, p->source_len);
  if (td > sd)
    FIND(C_SPACE_DOUBLE, "double space%s added in the target (%zu, source %zu)",
         td - sd == 1 ? "" : "s", td, sd);
}

/* The last meaningful character: white space, closing quotes and
 * parentheses, emphasis delimiters, closing tags and link destinations are
 * skipped. Returns the code point, 0 for none (code, URL at the end), and
 * its bytes in out. */
static int32_t end_char(const char *s, size_t len, const check_inline *in,
                        char out[8]) {
  size_t pos = len;
  out[0] = '\0';
  while (pos > 0) {
    char ch = s[pos - 1];
    if (is_space(ch) || ch == '*' || ch == '_' || ch == '"' || ch == '\'' ||
        ch == ')') {
      pos--;
      continue;
    }
    /* Inside a masked range? */
    const check_span *m = NULL;
    for (size_t k = 0; k < in->masked_count; k++)
      if (in->masked[k].start < pos && in->masked[k].end >= pos) m = &in->masked[k];
    if (m) {
      char first = s[m->start];
      if (first == ']' || (first == '<' && pos - m->start >= 2 &&
                           (s[m->start + 1] == '/' ||
                            isalpha((unsigned char)s[m->start + 1])) &&
                           s[pos - 1] == '>')) {
        /* A link destination or a tag: look before it. Autolinks too. */
        pos = m->start;
        continue;
      }
      return 0; /* ends with code or a URL */
    }
    size_t start;
    int32_t c = check_utf8_prev(s, pos, &start);
    if (c == 0x201D || c == 0x2019 || c == 0xBB || c == 0x300D ||
        c == 0x300F || c == 0xFF09 || c == 0xA0) {
      pos = start;
      continue;
    }
    size_t n = pos - start;
    if (n < 8) {
      memcpy(out, s + start, n);
      out[n] = '\0';
    }
    return c;
  }
  return 0;
}

static int in_list(const char *list, const char *item) {
  for (const char *w = list; *w; w += strlen(w) + 1)
    if (strcmp(w, item) == 0) return 1;
  return 0;
}

static int is_end_punct_any(const check_locale *r, const char *ch) {
  for (int k = 0; k < CHECK_PUNCT_KINDS; k++)
    if (in_list(r->end_punct[k], ch)) return 1;
  return 0;
}

static void check_punctuation(pair_ref *p, const check_inline *ti,
                              const check_inline *si,
                              const check_locale *rules) {
  const sxs_checker *c = p->checker;
  char tend[8], send[8];
  int32_t tc = end_char(p->target, p->target_len, ti, tend);
  int32_t sc = end_char(p->source, p->source_len, si, send);
  int kind = check_punct_kind(sc);
  if (kind >= 0) {
    int ok = tc && in_list(rules->end_punct[kind], tend);
    /* An ellipsis written as "..." or "…" is one kind. */
    if (!ok && tc && (kind == 5 || tc == 0x2026) &&
        (in_list(rules->end_punct[5], tend) || in_list(rules->end_punct[0], tend)))
      ok = 1;
    /* Spanish and Italian put the period after a closing quote or
     * parenthesis: «...?».  Look before that final period. */
    if (!ok && tc == '.') {
      size_t cut = p->target_len;
      while (cut > 0 && p->target[cut - 1] != '.') cut--;
      if (cut > 1 && strchr("\")'*", p->target[cut - 2])) {
        char alt[8];
        int32_t ac = end_char(p->target, cut - 1, ti, alt);
        if (ac && in_list(rules->end_punct[kind], alt)) ok = 1;
      }
    }
    if (!ok)
      FIND(C_PUNCTUATION_END, "the source ends with '%s', the target with %s%s%s",
           send, tc ? "'" : "", tc ? tend : "no punctuation", tc ? "'" : "");
  } else if (tc && is_end_punct_any(rules, tend) && tc != sc &&
             c->levels[C_PUNCTUATION_END] != SXS_LEVEL_OFF) {
    /* Punctuation added where the source has none (a period after a list
     * item, "Nota:" for "Note") is a matter of style: an info. */
    add_finding_at(p->sink, p, C_PUNCTUATION_END, SXS_LEVEL_INFO,
                   "the target ends with '%s', the source with no end "
                   "punctuation",
                   tend);
  }
  /* Opening ¿ and ¡ where the locale writes them. */
  const char *opens[2] = {rules->open_question, rules->open_exclamation};
  const char closes[2] = {'?', '!'};
  for (int k = 0; k < 2; k++) {
    if (!opens[k][0]) continue;
    if (tc != closes[k]) continue;
    if (find_bytes(p->target, p->target_len, opens[k], strlen(opens[k]))) continue;
    /* A name that ends with the mark, kept from the source ("Yahoo!"). */
    size_t w = p->source_len;
    while (w > 0 && !is_space(p->source[w - 1])) w--;
    if (w < p->source_len && p->source_len - w > 2 &&
        p->source[p->source_len - 1] == closes[k] &&
        find_bytes(p->target, p->target_len, p->source + w, p->source_len - w))
      continue;
    FIND(C_PUNCTUATION_OPENING, "the target ends with '%c' but has no '%s'",
         closes[k], opens[k]);
    break;
  }
  /* A space before ; : ! ? (French). */
  if (rules->space_before[0]) {
    sxs_buf prose = SXS_BUF_INIT;
    check_inline_prose_text(ti, p->target, p->target_len, &prose);
    for (size_t i = 1; prose.data && i < prose.len; i++) {
      char ch = prose.data[i];
      char one[2] = {ch, '\0'};
      if (!strchr(";:!?", ch) || !in_list(rules->space_before, one)) continue;
      size_t st;
      int32_t before = check_utf8_prev(prose.data, i, &st);
      if (before == ' ' || before == 0xA0 || before == 0x202F ||
          before == 0x2009 || before == ch || !check_is_word_char(before))
        continue;
      if (before >= '0' && before <= '9' && i + 1 < prose.len &&
          prose.data[i + 1] >= '0' && prose.data[i + 1] <= '9')
        continue; /* 10:30 */
      char q[48];
      size_t from = i > 16 ? i - 16 : 0;
      while (from > 0 && ((unsigned char)prose.data[from] & 0xC0) == 0x80)
        from--;
      FIND(C_PUNCTUATION_SPACING, "no space before '%c': '%s'", ch,
           check_quote(prose.data + from, i + 1 - from, q, sizeof q));
      break;
    }
    sxs_buf_free(&prose);
  }
}

typedef struct word_ctx {
  const char *text;
  size_t len;
  pair_ref *pair;
  const char *fold_source; /* folded source, for repeats already there */
  size_t fold_source_len;
  sxs_buf source_fold; /* folded lazily, on the first repeat seen */
  int found;
} word_ctx;

static int has_letter(const char *s, size_t len) {
  for (size_t i = 0; i < len;) {
    int32_t ch = check_utf8_next(s, len, &i);
    if (check_is_word_char(ch) && !(ch >= '0' && ch <= '9')) return 1;
  }
  return 0;
}

static int same_word_ci(const char *a, const char *b, size_t len) {
  for (size_t i = 0; i < len; i++) {
    unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
    if (x == y) continue;
    /* ASCII letters in either case (tolower in the C locale); other bytes
     * as they are. */
    unsigned char folded = (unsigned char)(x | 0x20);
    if (folded != (y | 0x20) || (unsigned char)(folded - 'a') > 'z' - 'a')
      return 0;
  }
  return 1;
}

/* Whether the word [ws, we) repeats the one before it (prev_start,
 * prev_len; only spaces between): reported then, unless the source repeats
 * it too ("that that", "Bora Bora"). Returns 1 when reported. Words of one
 * character ("A a", from A to ...) and of digits only are no slip: as two
 * equal words have the same length and letters, those are looked at only
 * when two match, so that any word may be the previous one. The callers
 * compare the lengths first: most neighbours differ there. */
static int repeat_reported(word_ctx *w, const char *s, size_t prev_start,
                           size_t prev_len, size_t ws, size_t we) {
  if (prev_len != we - ws || prev_len < 2 ||
      !same_word_ci(s + prev_start, s + ws, prev_len) ||
      !has_letter(s + ws, we - ws))
    return 0;
  if (!w->fold_source) {
    check_fold(w->pair->source, w->pair->source_len, &w->source_fold);
    w->fold_source = check_cstr(&w->source_fold);
    w->fold_source_len = w->source_fold.len;
  }
  sxs_buf pairw = SXS_BUF_INIT;
  check_fold(s + prev_start, we - prev_start, &pairw);
  int in_source = pairw.data && w->fold_source &&
                  check_find_word(w->fold_source, w->fold_source_len,
                                  pairw.data, pairw.len) != NULL;
  sxs_buf_free(&pairw);
  if (in_source) return 0;
  pair_ref *p = w->pair;
  const sxs_checker *c = p->checker;
  char q[64];
  FIND(C_REPEATED_WORD, "repeated word: '%s'",
       check_quote(s + prev_start, we - prev_start, q, sizeof q));
  w->found = 1;
  return 1;
}

/* 0x80 in each byte of v that is not an ASCII letter or digit (bytes
 * beyond ASCII included), 0 elsewhere: exact, no carry from one byte into
 * the next. */
static uint64_t ascii_non_word_bytes(uint64_t v) {
  const uint64_t ones = 0x0101010101010101ULL, high = ones * 0x80;
  uint64_t low7 = v & ~high;
  uint64_t folded = low7 | ones * 0x20; /* A-Z as a-z, digits unchanged */
  uint64_t letter = (folded + ones * (0x80 - 'a')) &
                    ~(folded + ones * (0x80 - 'z' - 1));
  return ~((letter | check_digit_bytes(v)) & ~v) & high;
}

/* The end of the word that starts at s[i] (a word character). */
static size_t word_end(const char *s, size_t end, size_t i) {
  for (;;) {
    uint64_t v;
    if (end - i >= 8) {
      memcpy(&v, s + i, 8);
      uint64_t stop = ascii_non_word_bytes(v);
      if (!stop) {
        i += 8;
        continue;
      }
      i += check_first_marked(stop);
    }
    if (i >= end) return i;
    unsigned char b = (unsigned char)s[i];
    if (b < 0x80) {
      if (!check_ascii_word[b]) return i;
      i++;
      continue;
    }
    size_t k = i;
    if (!check_is_word_char_wide(check_utf8_next_wide(s, end, &k))) return i;
    i = k;
  }
}

/* Words are maximal runs of word characters; only spaces may separate two
 * that repeat. */
static void repeated_in(void *ctx, const char *s, size_t start, size_t end) {
  word_ctx *w = ctx;
  if (w->found) return;
  size_t prev_start = 0, prev_len = 0; /* prev_len 0: none */
  size_t i = start;
  while (i < end) {
    unsigned char b = (unsigned char)s[i];
    if (b == ' ') {
      i++;
      continue;
    }
    if (b < 0x80) {
      if (!check_ascii_word[b]) {
        prev_len = 0;
        i++;
        continue;
      }
    } else {
      size_t k = i;
      if (!check_is_word_char_wide(check_utf8_next_wide(s, end, &k))) {
        prev_len = 0;
        i = k;
        continue;
      }
    }
    size_t ws = i, we = word_end(s, end, i);
    i = we;
    if (prev_len == we - ws &&
        repeat_reported(w, s, prev_start, prev_len, ws, we))
      return;
    prev_start = ws;
    prev_len = we - ws;
  }
}

static void check_repeated(pair_ref *p, const check_inline *ti) {
  if (p->checker->levels[C_REPEATED_WORD] == SXS_LEVEL_OFF) return;
  word_ctx w = {p->target, p->target_len, p, NULL, 0, SXS_BUF_INIT, 0};
  check_inline_prose(ti, p->target, p->target_len, repeated_in, &w);
  sxs_buf_free(&w.source_fold);
}

typedef struct prose_count {
  size_t chars;
  int valid_utf8; /* of the whole text */
} prose_count;

/* count_prose for well-formed UTF-8: bytes that are neither skipped nor
 * continuation bytes. A character cut by either end of the run counts as
 * check_utf8_next_wide reads it, a byte at a time. */
static size_t count_prose_valid(const char *s, size_t start, size_t end) {
  const uint64_t ones = 0x0101010101010101ULL, high = ones * 0x80;
  size_t n = 0, i = start;
  while (i < end && ((unsigned char)s[i] & 0xC0) == 0x80) {
    n++;
    i++;
  }
  size_t body = i;
#ifdef __SSE2__
  {
    /* The skipped bytes of each 16 as 0 or 1, summed by psadbw. */
    __m128i sums = _mm_setzero_si128(), one = _mm_set1_epi8(1);
    size_t chunks = 0;
    for (; end - i >= 16; i += 16, chunks++) {
      __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
      __m128i skipped = _mm_or_si128(
          _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')),
                       _mm_cmpeq_epi8(v, _mm_set1_epi8('*'))),
          _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')),
                       /* signed: 0x80 to 0xBF */
                       _mm_cmplt_epi8(v, _mm_set1_epi8((char)0xC0))));
      sums = _mm_add_epi64(
          sums, _mm_sad_epu8(_mm_and_si128(skipped, one), _mm_setzero_si128()));
    }
    uint64_t halves[2];
    _mm_storeu_si128((__m128i *)(void *)halves, sums);
    n += chunks * 16 - (size_t)(halves[0] + halves[1]);
  }
#endif
  for (; end - i >= 8; i += 8) {
    uint64_t v;
    memcpy(&v, s + i, 8);
    uint64_t skipped = bytes_equal(v, ones * ' ') |
                       bytes_equal(v, ones * '*') |
                       bytes_equal(v, ones * '\n') | (v & ~(v << 1) & high);
    /* One bit a byte: the multiply sums the bytes into the top one. */
    n += 8 - (size_t)(((skipped >> 7) * ones) >> 56);
  }
  for (; i < end; i++) {
    unsigned char b = (unsigned char)s[i];
    n += b != ' ' && b != '*' && b != '\n' && (b & 0xC0) != 0x80;
  }
  size_t last = end;
  while (last > body && ((unsigned char)s[last - 1] & 0xC0) == 0x80) last--;
  if (last > body && (unsigned char)s[last - 1] >= 0xC0) {
    unsigned char lead = (unsigned char)s[last - 1];
    size_t want = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    if (last - 1 + want > end) n += end - last;
  }
  return n;
}

/* Characters of one run of prose, white space and '*' not counted. */
static void count_prose(void *ctx, const char *s, size_t start, size_t end) {
  prose_count *count = ctx;
  if (count->valid_utf8) {
    count->chars += count_prose_valid(s, start, end);
    return;
  }
  const uint64_t ones = 0x0101010101010101ULL;
  size_t n = 0; /* not in *ctx: a store through it could alias s */
  for (size_t i = start; i < end;) {
    uint64_t v;
    /* Eight ASCII bytes at a time: prose is mostly ASCII. */
    if (end - i >= 8 && (memcpy(&v, s + i, 8),
                         (v & 0x8080808080808080ULL) == 0)) {
      uint64_t skipped = bytes_equal(v, ones * ' ') |
                         bytes_equal(v, ones * '*') |
                         bytes_equal(v, ones * '\n');
      n += 8 - (size_t)(((skipped >> 7) * ones) >> 56);
      i += 8;
      continue;
    }
    unsigned char b = (unsigned char)s[i];
    if (b < 0x80) {
      i++;
      n += b != ' ' && b != '*' && b != '\n';
    } else {
      check_utf8_next_wide(s, end, &i);
      n++;
    }
  }
  count->chars += n;
}

/* The length of the prose, counted in place (what masks code, tags and
 * URLs would write as a space is not counted anyway). */
static size_t prose_chars(const check_inline *in, const char *s, size_t len,
                          int valid_utf8) {
  prose_count count = {0, valid_utf8};
  check_inline_prose(in, s, len, count_prose, &count);
  return count.chars;
}

static void check_length(pair_ref *p, const check_inline *ti,
                         const check_inline *si, const check_locale *rules) {
  const sxs_checker *c = p->checker;
  if (c->levels[C_LENGTH_RATIO] == SXS_LEVEL_OFF) return;
  int valid = p->sink->valid_utf8;
  size_t sn = prose_chars(si, p->source, p->source_len, valid);
  if (sn < rules->length_min_chars || sn == 0) return;
  size_t tn = prose_chars(ti, p->target, p->target_len, valid);
  double ratio = (double)tn / (double)sn;
  if (ratio < rules->length_min || ratio > rules->length_max)
    FIND(C_LENGTH_RATIO,
         "target/source length %.2f (%zu/%zu characters) outside %.2f..%.2f "
         "for %s",
         ratio, tn, sn, rules->length_min, rules->length_max,
         rules->name[0] ? rules->name : "the default locale");
}

static void check_glossary_pair(pair_ref *p, const check_locale *rules) {
  const sxs_checker *c = p->checker;
  const check_glossary *g = &c->glossary;
  if (!g->count) return;
  sxs_buf sf = SXS_BUF_INIT, tf = SXS_BUF_INIT;
  check_fold(p->source, p->source_len, &sf);
  check_fold(p->target, p->target_len, &tf);
  for (size_t k = 0; k < g->count && sf.data; k++) {
    const check_term *term = &g->terms[k];
    if (term->language[0] && rules->language[0] &&
        strncmp(term->language, rules->language, strlen(rules->language)) != 0)
      continue;
    if (!check_find_word(sf.data, sf.len, term->term_fold,
                         strlen(term->term_fold)))
      continue;
    if (term->do_not_translate) {
      if (!check_find_word(p->target, p->target_len, term->term,
                           strlen(term->term)))
        FIND(C_GLOSSARY_KEEP,
             "do-not-translate term '%s' not kept unchanged in the target",
             term->term);
    } else if (!tf.data ||
               !check_find_word(tf.data, tf.len, term->translation_fold,
                                strlen(term->translation_fold))) {
      FIND(C_GLOSSARY_TERM, "glossary: '%s' should be translated as '%s'%s%s",
           term->term, term->translation, term->note[0] ? " - " : "",
           term->note);
    }
  }
  sxs_buf_free(&sf);
  sxs_buf_free(&tf);
}

/* The key under which two texts count as the same for consistency: NFC,
 * white space (no-break spaces too) folded, typographic quotes as ASCII,
 * emphasis delimiters dropped: differences of layout, not of wording. The
 * way in several steps, through ICU's NFC; tmp is scratch space. */
static void consistency_key_slow(const char *s, size_t len, sxs_buf *out,
                                 sxs_buf *tmp) {
  /* Every replacement is shorter than what it replaces. */
  sxs_buf_clear(tmp);
  if (sxs_buf_reserve(tmp, len + 1) < 0) return;
  char *w = tmp->data;
  for (size_t i = 0; i < len;) {
    unsigned char b = (unsigned char)s[i];
    if (b < 0x80) {
      i++;
      if (b != '*') *w++ = (char)b;
      continue;
    }
    size_t start = i;
    int32_t ch = check_utf8_next_wide(s, len, &i);
    if (ch == 0xA0 || ch == 0x202F || ch == 0x2009) {
      *w++ = ' ';
    } else if (ch == 0x2019 || ch == 0x2018) {
      *w++ = '\'';
    } else if (ch == 0x201C || ch == 0x201D) {
      *w++ = '"';
    } else {
      memcpy(w, s + start, i - start);
      w += i - start;
    }
  }
  tmp->len = (size_t)(w - tmp->data);
  check_normalize(tmp->data, tmp->len, out);
}

#ifdef __SSE2__
/* For the 16 bytes at s, one bit a byte (in memory order): the bytes that
 * are not their own key whatever is around them: control characters, '*',
 * a space after a space, bytes beyond ASCII but those of U+0080 to U+00FF
 * (lead byte 0xC2 or 0xC3, then 0x80 to 0xBF: all inert) other than
 * U+00A0, which the key replaces. *spaces and *wide: the spaces and the
 * bytes from 0x80. */
static unsigned key_issues16(const char *s, unsigned *spaces,
                             unsigned *wide) {
  __m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
  /* Signed compares: bytes from 0x80 are negative. */
  unsigned low = (unsigned)_mm_movemask_epi8(
      _mm_cmplt_epi8(v, _mm_set1_epi8(0x20))); /* and beyond ASCII */
  unsigned star =
      (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('*')));
  unsigned sp =
      (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')));
  unsigned c2 = (unsigned)_mm_movemask_epi8(
      _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xC2)));
  unsigned c3 = (unsigned)_mm_movemask_epi8(
      _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xC3)));
  unsigned a0 = (unsigned)_mm_movemask_epi8(
      _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xA0)));
  unsigned cont = (unsigned)_mm_movemask_epi8(
      _mm_cmplt_epi8(v, _mm_set1_epi8((char)0xC0)));
  unsigned latin1 = ((c2 & ~(a0 >> 1)) | c3) & (cont >> 1) & 0x7FFF;
  *spaces = sp;
  *wide = (unsigned)_mm_movemask_epi8(v);
  return (low & ~(latin1 | latin1 << 1)) | star | (sp & (sp >> 1));
}
#endif

/* How much of text, from its start, is its own consistency key: no '*', no
 * control character, single spaces between words, no character the key
 * replaces or NFC may change. Most texts are whole, and are then copied as
 * they are. The length returned is on a character boundary. */
static size_t own_key_prefix(const char *s, size_t len) {
  const uint64_t ones = 0x0101010101010101ULL, high = ones * 0x80;
  if (len == 0 || s[0] == ' ') return 0;
  int after_space = 0; /* the byte before s[i] is a space */
  size_t i = 0;
  while (i < len) {
#ifdef __SSE2__
    if (len - i >= 16) {
      unsigned sp, wide;
      unsigned issue = key_issues16(s + i, &sp, &wide);
      if (after_space) issue |= sp & 1;
      if (!issue) {
        after_space = (sp >> 15) & 1;
        i += 16;
        continue;
      }
      unsigned at = (unsigned)__builtin_ctz(issue);
      if (!((wide >> at) & 1)) return i + at;
      /* A character beyond ASCII, looked at below. */
      i += at;
    } else
#endif
    {
      uint64_t v;
      if (len - i >= 8) {
        memcpy(&v, s + i, 8);
        /* Exact for each byte, no carry from one into the next: ASCII
         * bytes below 0x20, '*', spaces. */
        uint64_t non_ascii = v & high;
        uint64_t control = ~((v & ~high) + ones * 0x60) & high & ~non_ascii;
        uint64_t spaces = bytes_equal(v, ones * ' ');
        if (control || bytes_equal(v, ones * '*') ||
            (spaces & (spaces >> 8)) || (after_space && s[i] == ' '))
          return i;
        if (!non_ascii) {
          after_space = s[i + 7] == ' ';
          i += 8;
          continue;
        }
        /* The ASCII bytes before the first other one are fine. */
        while ((unsigned char)s[i] < 0x80) i++;
      } else {
        unsigned char b = (unsigned char)s[i];
        if (b < 0x80) {
          if (b < 0x20 || b == '*' || (b == ' ' && after_space)) return i;
          after_space = b == ' ';
          i++;
          continue;
        }
      }
    }
    size_t start = i;
    int32_t ch = check_utf8_next_wide(s, len, &i);
    if (ch == 0xA0 || ch == 0x202F || ch == 0x2009 || ch == 0x2019 ||
        ch == 0x2018 || ch == 0x201C || ch == 0x201D ||
        !check_nfc_inert_char(ch))
      return start;
    after_space = 0;
  }
  return s[len - 1] == ' ' ? len - 1 : len;
}

/* The same key in one pass over the text, written straight into out, for
 * text that NFC leaves alone (nearly all); the slow way otherwise. */
static void consistency_key(const char *s, size_t len, sxs_buf *out,
                            sxs_buf *tmp) {
  size_t plain = own_key_prefix(s, len);
  if (plain == len) {
    sxs_buf_append(out, s, len);
    return;
  }
  /* The key goes on from the plain start, less its trailing spaces, which
   * the loop then sees (they are written only before another word). */
  while (plain > 0 && s[plain - 1] == ' ') plain--;
  size_t at = out->len;
  if (sxs_buf_reserve(out, len + 1) < 0) return;
  char *first = out->data + at, *w = first;
  memcpy(w, s, plain);
  w += plain;
  int space = 0; /* white space since the last character written */
  for (size_t i = plain; i < len;) {
    unsigned char b = (unsigned char)s[i];
    char ascii = 0;
    size_t start = i;
    uint64_t v;
    if (len - i >= 8 && (memcpy(&v, s + i, 8), plain_word(v))) {
      /* Eight bytes kept as they are. */
      if (space && w > first) *w++ = ' ';
      space = 0;
      memcpy(w, s + i, 8);
      w += 8;
      i += 8;
      continue;
    }
    if (b > ' ' && b < 0x80 && b != '*') {
      /* A run of characters kept as they are: a word, mostly. */
      if (space && w > first) *w++ = ' ';
      space = 0;
      do {
        *w++ = (char)b;
        b = ++i < len ? (unsigned char)s[i] : 0;
      } while (b > ' ' && b < 0x80 && b != '*');
      continue;
    }
    if (b < 0x80) {
      i++;
      if (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
        space = 1;
        continue;
      }
      if (b == '*') continue;
      ascii = (char)b;
    } else {
      int32_t ch = check_utf8_next_wide(s, len, &i);
      if (ch == 0xA0 || ch == 0x202F || ch == 0x2009) {
        space = 1;
        continue;
      }
      if (ch == 0x2019 || ch == 0x2018) ascii = '\'';
      else if (ch == 0x201C || ch == 0x201D) ascii = '"';
      else if (!check_nfc_inert_char(ch)) {
        out->len = at;
        consistency_key_slow(s, len, out, tmp);
        return;
      }
    }
    if (space && w > first) *w++ = ' ';
    space = 0;
    if (ascii) {
      *w++ = ascii;
    } else {
      memcpy(w, s + start, i - start);
      w += i - start;
    }
  }
  out->len = (size_t)(w - out->data);
}

/* What is reused from pair to pair: allocated once per page. */
typedef struct check_scratch {
  check_inline target, source;
  sxs_buf text;
  sxs_buf source_key, target_key;
} check_scratch;

static void remember_for_consistency(pair_ref *p, check_scratch *scratch) {
  const sxs_checker *c = p->checker;
  check_sink *s = p->sink;
  if (c->levels[C_CONSISTENCY_SOURCE] == SXS_LEVEL_OFF &&
      c->levels[C_CONSISTENCY_TARGET] == SXS_LEVEL_OFF)
    return;
  if (!has_letter(p->source, p->source_len)) return;
  sxs_buf *sk = &scratch->source_key, *tk = &scratch->target_key;
  sxs_buf_clear(sk);
  sxs_buf_clear(tk);
  consistency_key(p->source, p->source_len, sk, &scratch->text);
  consistency_key(p->target, p->target_len, tk, &scratch->text);
  if (sk->failed || tk->failed ||
      cons_record(&s->cons, p->line, p->column, p->id, p->id_len, p->source,
                  p->source_len, sk->data ? sk->data : "", sk->len, p->target,
                  p->target_len, tk->data ? tk->data : "", tk->len) < 0)
    s->failed = 1;
}

static void check_pair(pair_ref *p, check_scratch *scratch,
                       const check_locale *rules) {
  const sxs_checker *c = p->checker;
  const char *target = p->target, *source = p->source;
  size_t target_len = p->target_len, source_len = p->source_len;
  p->sink->pairs++;
  int target_empty = 1, source_empty = 1;
  for (size_t i = 0; i < target_len && target_empty; i++)
    if (!is_space(target[i])) target_empty = 0;
  for (size_t i = 0; i < source_len && source_empty; i++)
    if (!is_space(source[i])) source_empty = 0;
  if (target_empty) {
    if (!source_empty) {
      char q[80];
      FIND(C_EMPTY_TARGET, "empty target; the source is '%s'",
           check_quote(source, source_len, q, sizeof q));
    }
    return;
  }
  check_inline *ti = &scratch->target, *si = &scratch->source;
  check_inline_analyze(target, target_len, ti);
  check_inline_analyze(source, source_len, si);
  check_links(p, ti, si);
  check_codes(p, ti, si);
  check_emphasis(p, ti, si);
  check_tags(p, ti, si);
  if (c->levels[C_NUMBER_MISSING] != SXS_LEVEL_OFF)
    check_number_pair(p, ti, si, rules);
  check_urls(p, ti, si);
  check_untranslated(p, si);
  check_space(p);
  check_punctuation(p, ti, si, rules);
  check_repeated(p, ti);
  check_glossary_pair(p, rules);
  check_length(p, ti, si, rules);
  remember_for_consistency(p, scratch);
}

static check_scratch *scratch_new(void) {
  check_scratch *s = malloc(sizeof *s);
  if (s) s->text = s->source_key = s->target_key = (sxs_buf)SXS_BUF_INIT;
  return s;
}

static void scratch_free(check_scratch *s) {
  if (!s) return;
  sxs_buf_free(&s->text);
  sxs_buf_free(&s->source_key);
  sxs_buf_free(&s->target_key);
  free(s);
}

/* Records the target locale of what goes into the sink: --locale when
 * given, else the page's. Compared without case, '_' as '-' (es-ES, es-es
 * and es_ES are one locale). Returns -1 when out of memory. */
static int sink_set_locale(check_sink *s, const sxs_checker *c,
                           const char *page_locale) {
  const char *locale = c->locale ? c->locale : page_locale;
  free(s->locale);
  s->locale = NULL;
  if (!locale || !*locale) return 0;
  s->locale = dup_n(locale, strlen(locale));
  if (!s->locale) return -1;
  for (char *p = s->locale; *p; p++)
    *p = *p == '_' ? '-' : (char)tolower((unsigned char)*p);
  return 0;
}

/* The index of a page's target locale for the consistency, adding it to the
 * checker's list the first time (in the run's order, one thread): 0 for
 * none. Returns -1 when out of memory. */
static int cons_locale_index(sxs_checker *c, const char *locale,
                             uint32_t *index) {
  *index = 0;
  if (!locale) return 0;
  for (size_t i = c->cons_locale_count; i > 0; i--)
    if (strcmp(c->cons_locales[i - 1], locale) == 0) {
      *index = (uint32_t)i;
      return 0;
    }
  if (c->cons_locale_count >= UINT32_MAX - 1) return -1;
  char **grown = realloc(c->cons_locales,
                         (c->cons_locale_count + 1) * sizeof *grown);
  if (!grown) return -1;
  c->cons_locales = grown;
  char *copy = dup_n(locale, strlen(locale));
  if (!copy) return -1;
  c->cons_locales[c->cons_locale_count++] = copy;
  *index = (uint32_t)c->cons_locale_count;
  return 0;
}

/* A page's findings by line and column, then as they were found. */
static int sink_finding_cmp(const void *a, const void *b) {
  const sxs_finding *x = a, *y = b;
  if (x->line != y->line) return x->line < y->line ? -1 : 1;
  if (x->column != y->column) return x->column < y->column ? -1 : 1;
  return x->sequence < y->sequence ? -1 : x->sequence > y->sequence;
}

static int spool_string(sxs_spool *sp, const char *s, uint64_t len) {
  return len == SPOOL_NONE ? 0 : sxs_spool_append(sp, s, (size_t)len);
}

static int spool_add(finding_spool *sp, size_t file_index,
                     const sxs_finding *f) {
  const char *strings[4] = {f->id, f->message, f->source, f->target};
  spool_head h = {file_index, f->line, f->column, f->check, (int32_t)f->level,
                  {0, 0, 0, 0}};
  /* Readers see a string up to its first NUL (as %s): only that is kept. */
  for (int i = 0; i < 4; i++)
    h.len[i] = strings[i] ? strlen(strings[i]) : SPOOL_NONE;
  if (!strings[0]) h.len[0] = 0;
  if (!strings[1]) h.len[1] = 0;
  if (sxs_spool_append(&sp->bytes, &h, sizeof h) < 0) return -1;
  for (int i = 0; i < 4; i++)
    if (spool_string(&sp->bytes, strings[i], h.len[i]) < 0) return -1;
  sp->count++;
  sp->per_level[f->level & 3]++;
  return 0;
}

/* Moves what a sink holds into the checker, in the run's order: file
 * indexes are given here, so that the result does not depend on which
 * thread checked the page. Empties s. */
static int merge_sink(sxs_checker *c, const char *file, check_sink *s) {
  finding_spool *sp = &c->spool;
  size_t file_index = file_index_of(c, file);
  int ok = !s->failed;
  if (s->count) {
    for (size_t i = 0; i < s->count; i++) s->findings[i].sequence = i;
    qsort(s->findings, s->count, sizeof *s->findings, sink_finding_cmp);
    const sxs_finding *first = &s->findings[0];
    const sxs_finding *last = &s->findings[s->count - 1];
    check_order_note(&sp->order, file_index, first->line, first->column,
                     last->line, last->column);
    for (size_t i = 0; i < s->count && !sp->failed; i++)
      if (spool_add(sp, file_index, &s->findings[i]) < 0) sp->failed = 1;
    if (sp->failed) ok = 0;
  }
  /* A sink that ran out of memory may have lost its locale: its pairs are
   * left out of the consistency rather than compared across locales. */
  uint32_t locale = 0;
  if (s->cons.count) {
    if (s->failed || cons_locale_index(c, s->locale, &locale) < 0 ||
        cons_append(c->cons, &s->cons, file_index, locale) < 0)
      ok = 0;
  }
  c->pairs += s->pairs;
  sink_free(s);
  return ok ? 0 : -1;
}

int sxs_checker_add_pair(sxs_checker *c, const char *file, unsigned line,
                         unsigned column, const char *id, const char *target,
                         size_t target_len, const char *source,
                         size_t source_len, const char *locale) {
  const check_locale *rules = rules_for(c, c->locale ? c->locale : locale);
  check_sink sink;
  memset(&sink, 0, sizeof sink);
  if (sink_set_locale(&sink, c, locale) < 0) return -1;
  check_scratch *scratch = scratch_new();
  if (!scratch) {
    sink_free(&sink);
    return -1;
  }
  pair_ref pr = {c,      &sink,      0,          line,
                 column, id,         id ? strlen(id) : 0,
                 target, source,     target_len, source_len};
  check_pair(&pr, scratch, rules);
  scratch_free(scratch);
  /* The caller's texts are not kept past this call. */
  if (sink.cons.pending_count && cons_page_intern(c->cons, &sink.cons) < 0)
    sink.failed = 1;
  return merge_sink(c, file, &sink);
}

/* ---- Pages ------------------------------------------------------------ */

static int is_locale_name(const char *s, size_t n) {
  size_t i = 0;
  while (i < n && isalpha((unsigned char)s[i])) i++;
  if (i < 2 || i > 3 || i >= n || (s[i] != '-' && s[i] != '_')) return 0;
  size_t j = i + 1;
  while (j < n && isalnum((unsigned char)s[j])) j++;
  return j == n && j - i - 1 >= 2 && j - i - 1 <= 4;
}

static int same_locale(const char *a, const char *b, size_t bn) {
  size_t an = strlen(a);
  if (an != bn) return 0;
  for (size_t i = 0; i < an; i++) {
    char x = (char)tolower((unsigned char)a[i]);
    char y = (char)tolower((unsigned char)b[i]);
    if (x == '_') x = '-';
    if (y == '_') y = '-';
    if (x != y) return 0;
  }
  return 1;
}

/* Line of a front matter key, 1 when it is not found. */
static unsigned key_line(const sxs_page *page, const char *key) {
  size_t len;
  const char *data = sxs_page_data(page, &len);
  sxs_range fm = sxs_page_front_matter(page);
  size_t kl = strlen(key);
  for (size_t i = fm.start; i + kl < fm.end && i + kl < len; i++)
    if ((i == 0 || data[i - 1] == '\n') && memcmp(data + i, key, kl) == 0 &&
        data[i + kl] == ':') {
      /* Counted here: sxs_page_position would index every line of the
       * page for this one near its top. */
      unsigned line = 1;
      for (size_t k = 0; k < i; k++) line += data[k] == '\n';
      return line;
    }
  return 1;
}

static void check_page_locale(const sxs_checker *c, check_sink *sink,
                              const char *file, const sxs_page *page,
                              const char **page_locale) {
  const char *meta = sxs_page_meta(page, "ms.contentlocale");
  pair_ref pr = {c, sink, 0, 1, 1, "", 0, NULL, NULL, 0, 0};
  pair_ref *p = &pr;
  /* A locale-named folder in the path (es-ES/, es-es/). */
  const char *folder = NULL;
  size_t folder_len = 0;
  for (const char *s = file; *s;) {
    const char *e = strchr(s, '/');
    if (!e) break; /* the file name itself is not a folder */
    if (is_locale_name(s, (size_t)(e - s))) {
      folder = s;
      folder_len = (size_t)(e - s);
    }
    s = e + 1;
  }
  *page_locale = meta && *meta ? meta : NULL;
  if (!meta || !*meta) {
    if (sxs_page_pair_count(page) > 0)
      FIND(C_LOCALE_MISSING_KEY,
           "front matter has no ms.contentlocale: the page's locale is "
           "unknown");
    return;
  }
  /* The key's line is looked for only when there is something to say. */
  if (c->locale && !same_locale(c->locale, meta, strlen(meta))) {
    pr.line = key_line(page, "ms.contentlocale");
    FIND(C_LOCALE_MISMATCH, "ms.contentlocale is '%s', --locale is '%s'",
         meta, c->locale);
  } else if (folder && !same_locale(meta, folder, folder_len)) {
    pr.line = key_line(page, "ms.contentlocale");
    FIND(C_LOCALE_MISMATCH, "ms.contentlocale is '%s', the folder is '%.*s'",
         meta, (int)folder_len, folder);
  }
}

/* The id of the pair at or after offset (for structural findings). */
static void id_near(const sxs_page *page, size_t offset, char *out,
                    size_t size) {
  out[0] = '\0';
  size_t n = sxs_page_pair_count(page), len;
  const sxs_pair *pairs = sxs_page_pairs(page);
  const char *data = sxs_page_data(page, &len);
  /* Pairs do not overlap and come in page order: the only pair that can
   * hold offset is the last one starting at or before it. A scan from the
   * first pair made a page of many damaged pairs quadratic. */
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (pairs[mid].whole.start <= offset) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && offset < pairs[lo - 1].whole.end) {
    const sxs_pair *holder = &pairs[lo - 1];
    size_t l = holder->id.end - holder->id.start;
    if (l >= size) l = size - 1;
    memcpy(out, data + holder->id.start, l);
    out[l] = '\0';
    return;
  }
  size_t end = offset + 300 < len ? offset + 300 : len;
  static const char *const keys[] = {"data-ttu-id=", "data-stu-id="};
  for (int k = 0; k < 2; k++) {
    const char *hit = NULL;
    if (offset < end) hit = find_bytes(data + offset, end - offset, keys[k], 12);
    if (!hit) continue;
    const char *v = hit + 12;
    if ((size_t)(data + len - v) > 6 && strncmp(v, "&quot;", 6) == 0) v += 6;
    else if (*v == '"' || *v == '\'') v++;
    size_t l = 0;
    while (v + l < data + len && l + 1 < size &&
           (isxdigit((unsigned char)v[l]) || v[l] == '-' ||
            isdigit((unsigned char)v[l])))
      l++;
    memcpy(out, v, l);
    out[l] = '\0';
    return;
  }
}

sxs_check_page_result *sxs_checker_check_page(sxs_checker *c,
                                              const char *file,
                                              const sxs_page *page) {
  sxs_check_page_result *r = calloc(1, sizeof *r);
  check_scratch *scratch = scratch_new();
  if (r) r->file = dup_n(file, strlen(file));
  if (!r || !r->file || !scratch) {
    sxs_check_page_result_free(r);
    scratch_free(scratch);
    return NULL;
  }
  check_sink *sink = &r->sink;
  sink->valid_utf8 = sxs_page_is_valid_utf8(page);
  /* Structure, from the parser. */
  size_t nd = sxs_page_diag_count(page);
  const sxs_diag *d = sxs_page_diags(page);
  for (size_t i = 0; i < nd; i++) {
    char id[64];
    id_near(page, d[i].offset, id, sizeof id);
    pair_ref pr = {c,  sink, 0,    d[i].line, d[i].column, id,
                   strlen(id), NULL, NULL, 0,         0};
    sxs_check_level level = (sxs_check_level)c->levels[C_PAIR_STRUCTURE];
    if (d[i].severity == SXS_WARNING && level > SXS_LEVEL_WARNING)
      level = SXS_LEVEL_WARNING;
    if (d[i].severity == SXS_NOTE && level > SXS_LEVEL_INFO)
      level = SXS_LEVEL_INFO;
    add_finding_at(sink, &pr, C_PAIR_STRUCTURE, level, "%s [%s]",
                   d[i].message ? d[i].message : "damaged pair",
                   d[i].code ? d[i].code : "parse");
  }
  const char *locale = NULL;
  check_page_locale(c, sink, file, page, &locale);
  if (sink_set_locale(sink, c, locale) < 0) sink->failed = 1;
  const check_locale *rules = rules_for(c, c->locale ? c->locale : locale);
  size_t len;
  const char *data = sxs_page_data(page, &len);
  size_t n = sxs_page_pair_count(page);
  const sxs_pair *pairs = sxs_page_pairs(page);
  for (size_t i = 0; i < n; i++) {
    const sxs_pair *pair = &pairs[i];
    size_t il = pair->id.end - pair->id.start;
    if (il > 63) il = 63; /* as long as an id may be */
    pair_ref pr = {c,
                   sink,
                   0,
                   pair->line,
                   pair->column,
                   data + pair->id.start,
                   il,
                   data + pair->target.start,
                   data + pair->source.start,
                   pair->target.end - pair->target.start,
                   pair->source.end - pair->source.start};
    check_pair(&pr, scratch, rules);
  }
  /* Here, in the thread that checked the page, rather than when the
   * result is added in the run's order. */
  if (sink->cons.pending_count && cons_page_intern(c->cons, &sink->cons) < 0)
    sink->failed = 1;
  scratch_free(scratch);
  return r;
}

void sxs_check_page_result_free(sxs_check_page_result *r) {
  if (!r) return;
  sink_free(&r->sink);
  free(r->file);
  free(r);
}

int sxs_checker_add_result(sxs_checker *c, sxs_check_page_result *r) {
  if (!r) return -1;
  int rc = merge_sink(c, r->file, &r->sink);
  sxs_check_page_result_free(r);
  return rc;
}

int sxs_checker_add_page(sxs_checker *c, const char *file,
                         const sxs_page *page) {
  return sxs_checker_add_result(c, sxs_checker_check_page(c, file, page));
}

/* ---- Consistency over the corpus --------------------------------------- */

void sxs_checker_finish(sxs_checker *c) {
  if (c->finished) return;
  c->finished = 1;
  if (c->spool.bytes.file && sxs_spool_flush(&c->spool.bytes) < 0)
    c->spool.failed = 1;
  if (cons_finish(c->cons, c->levels[C_CONSISTENCY_SOURCE],
                  c->levels[C_CONSISTENCY_TARGET]) < 0)
    c->cons_failed = 1;
}

/* ---- Reading the findings --------------------------------------------- */

/* Findings in the order of the report: file, line, column, then as made. */
static int finding_cmp(const void *a, const void *b) {
  const sxs_finding *x = a, *y = b;
  if (x->file_index != y->file_index)
    return x->file_index < y->file_index ? -1 : 1;
  if (x->line != y->line) return x->line < y->line ? -1 : 1;
  if (x->column != y->column) return x->column < y->column ? -1 : 1;
  return x->sequence < y->sequence ? -1 : x->sequence > y->sequence;
}

static int baseline_has(const sxs_checker *c, const char *fp);

/* The pages' findings come from the spool and the consistency's from the
 * log of pairs, each in the order of the report: the reader merges the
 * two, the pages' first where both are at one place (as they were found
 * first). Should either be out of order (pairs given out of order to
 * sxs_checker_add_pair), all are read and sorted first. */
struct sxs_finding_reader {
  const sxs_checker *checker;
  /* The spool: its bytes read through a window. */
  uint64_t offset;
  size_t spool_left;
  sxs_spool_window window;
  sxs_buf strings;
  sxs_finding spooled;
  int has_spooled;
  cons_reader *cons;
  sxs_finding consistent;
  int has_consistent;
  /* When sorted first: every finding, copied. */
  check_finding_list sorted;
  size_t sorted_at;
  int use_sorted;
  size_t sequence;
  int failed;
  size_t tally[4]; /* as in sxs_checker: what this reader has read */
};

static int spool_read(sxs_finding_reader *r, void *dst, size_t n) {
  if (sxs_spool_read(&r->checker->spool.bytes, &r->window, r->offset, dst, n) <
      0)
    return -1;
  r->offset += n;
  return 0;
}

/* The next finding of the spool into r->spooled: 1, 0 at the end, -1. */
static int read_spooled(sxs_finding_reader *r) {
  if (!r->spool_left) return 0;
  spool_head h;
  if (spool_read(r, &h, sizeof h) < 0) return -1;
  sxs_buf_clear(&r->strings);
  size_t at[4];
  for (int i = 0; i < 4; i++) {
    at[i] = r->strings.len;
    if (h.len[i] == SPOOL_NONE) continue;
    if (h.len[i] > SIZE_MAX / 2 ||
        sxs_buf_reserve(&r->strings, (size_t)h.len[i] + 1) < 0 ||
        spool_read(r, r->strings.data + r->strings.len, (size_t)h.len[i]) < 0)
      return -1;
    r->strings.len += (size_t)h.len[i];
    sxs_buf_putc(&r->strings, '\0');
  }
  if (r->strings.failed) return -1;
  char *base = r->strings.data;
  r->spooled = (sxs_finding){(size_t)h.file_index,
                             h.line,
                             h.column,
                             base + at[0],
                             h.check,
                             (sxs_check_level)h.level,
                             base + at[1],
                             h.len[2] == SPOOL_NONE ? NULL : base + at[2],
                             h.len[3] == SPOOL_NONE ? NULL : base + at[3],
                             0,
                             0};
  r->spool_left--;
  return 1;
}

/* The next consistency finding into r->consistent: 1, 0 or -1. */
static int read_consistent(sxs_finding_reader *r) {
  cons_finding f;
  int got = cons_reader_next(r->cons, &f);
  if (got <= 0) return got;
  r->consistent = (sxs_finding){
      f.file_index,
      f.line,
      f.column,
      (char *)f.id,
      f.by_source ? C_CONSISTENCY_SOURCE : C_CONSISTENCY_TARGET,
      (sxs_check_level)f.level,
      (char *)f.message,
      (char *)f.source,
      (char *)f.target,
      0,
      0};
  return 1;
}

static char *dup_or_null(const char *s) {
  return s ? dup_n(s, strlen(s)) : NULL;
}

int check_finding_list_add(check_finding_list *list, const sxs_finding *f) {
  sxs_finding *grown =
      sxs_grow(list->items, &list->cap, list->count, sizeof *grown, 16);
  if (!grown) return -1;
  list->items = grown;
  sxs_finding *to = &grown[list->count];
  *to = *f;
  to->id = dup_or_null(f->id);
  to->message = dup_or_null(f->message);
  to->source = dup_or_null(f->source);
  to->target = dup_or_null(f->target);
  if ((f->id && !to->id) || (f->message && !to->message) ||
      (f->source && !to->source) || (f->target && !to->target)) {
    free_finding(to);
    return -1;
  }
  list->count++;
  return 0;
}

void check_finding_list_clear(check_finding_list *list) {
  for (size_t i = 0; i < list->count; i++) free_finding(&list->items[i]);
  list->count = 0;
}

void check_finding_list_free(check_finding_list *list) {
  check_finding_list_clear(list);
  free(list->items);
  memset(list, 0, sizeof *list);
}

/* The next finding of either source, merged; NULL at the end. */
static const sxs_finding *merged_next(sxs_finding_reader *r) {
  if (!r->has_spooled) {
    int got = read_spooled(r);
    if (got < 0) r->failed = 1;
    r->has_spooled = got > 0;
  }
  if (!r->has_consistent) {
    int got = read_consistent(r);
    if (got < 0) r->failed = 1;
    r->has_consistent = got > 0;
  }
  if (r->failed) return NULL;
  if (r->has_spooled &&
      (!r->has_consistent || finding_cmp(&r->spooled, &r->consistent) <= 0)) {
    r->has_spooled = 0;
    return &r->spooled;
  }
  if (r->has_consistent) {
    r->has_consistent = 0;
    return &r->consistent;
  }
  return NULL;
}

sxs_finding_reader *sxs_checker_read_findings(const sxs_checker *c) {
  sxs_finding_reader *r = calloc(1, sizeof *r);
  if (!r) return NULL;
  r->checker = c;
  r->spool_left = c->spool.count;
  r->cons = cons_reader_new(c->cons);
  if (!r->cons) {
    free(r);
    return NULL;
  }
  if (c->spool.failed || c->cons_failed) r->failed = 1;
  if (!r->failed && (c->spool.order.broken || !cons_in_order(c->cons))) {
    /* Equal places keep the order in which they were read (sequence). */
    check_finding_list *all = &r->sorted;
    const sxs_finding *f;
    while ((f = merged_next(r))) {
      if (check_finding_list_add(all, f) < 0) {
        r->failed = 1;
        break;
      }
      all->items[all->count - 1].sequence = all->count - 1;
    }
    if (all->count > 1)
      qsort(all->items, all->count, sizeof *all->items, finding_cmp);
    r->use_sorted = 1;
  }
  return r;
}

/* A reader at the end of every finding leaves its counts to the checker. */
static void publish_tally(sxs_finding_reader *r) {
  sxs_checker *c = (sxs_checker *)r->checker;
  if (r->failed) return;
  pthread_mutex_lock(&c->tally_lock);
  if (!c->tally_done) {
    memcpy(c->tally, r->tally, sizeof c->tally);
    c->tally_done = 1;
  }
  pthread_mutex_unlock(&c->tally_lock);
}

const sxs_finding *sxs_finding_reader_next(sxs_finding_reader *r) {
  if (r->failed) return NULL;
  sxs_finding *f;
  if (r->use_sorted)
    f = r->sorted_at < r->sorted.count ? &r->sorted.items[r->sorted_at++]
                                       : NULL;
  else
    f = (sxs_finding *)merged_next(r);
  if (!f) {
    publish_tally(r);
    return NULL;
  }
  f->sequence = r->sequence++;
  f->baselined = 0;
  if (r->checker->baseline_count) {
    char fp[1024];
    sxs_finding_fingerprint(r->checker, f, fp, sizeof fp);
    f->baselined = baseline_has(r->checker, fp);
  }
  if (f->baselined)
    r->tally[0]++;
  else if (f->level >= SXS_LEVEL_INFO && f->level <= SXS_LEVEL_ERROR)
    r->tally[f->level]++;
  return f;
}

int sxs_finding_reader_failed(const sxs_finding_reader *r) {
  return r->failed;
}

void sxs_finding_reader_free(sxs_finding_reader *r) {
  if (!r) return;
  check_finding_list_free(&r->sorted);
  cons_reader_free(r->cons);
  sxs_buf_free(&r->strings);
  free(r);
}

size_t sxs_checker_finding_count(const sxs_checker *c) {
  return c->spool.count + cons_finding_count(c->cons, NULL);
}

/* Every finding, read once into memory: for callers that want them by
 * index (the checker is not to be shared between threads then). */
const sxs_finding *sxs_checker_finding(const sxs_checker *c, size_t i) {
  sxs_checker *m = (sxs_checker *)c;
  if (!m->listed_done) {
    m->listed_done = 1;
    sxs_finding_reader *r = sxs_checker_read_findings(c);
    const sxs_finding *f;
    while (r && (f = sxs_finding_reader_next(r)))
      if (check_finding_list_add(&m->listed, f) < 0) break;
    sxs_finding_reader_free(r);
  }
  return i < c->listed.count ? &c->listed.items[i] : NULL;
}

const char *sxs_checker_file(const sxs_checker *c, size_t i) {
  return i < c->file_count ? c->files[i] : "";
}
size_t sxs_checker_file_count(const sxs_checker *c) { return c->file_count; }
size_t sxs_checker_pair_count(const sxs_checker *c) { return c->pairs; }

/* Whether the counts of a complete reading are known, reading every
 * finding once if not: which ones the baseline holds is known only so. */
static int tally_known(const sxs_checker *c) {
  sxs_checker *m = (sxs_checker *)c;
  pthread_mutex_lock(&m->tally_lock);
  int done = m->tally_done;
  pthread_mutex_unlock(&m->tally_lock);
  if (done) return 1;
  sxs_finding_reader *r = sxs_checker_read_findings(c);
  while (r && sxs_finding_reader_next(r)) continue;
  sxs_finding_reader_free(r);
  pthread_mutex_lock(&m->tally_lock);
  done = m->tally_done; /* set by that reader, unless it failed */
  pthread_mutex_unlock(&m->tally_lock);
  return done;
}

size_t sxs_checker_count_at(const sxs_checker *c, sxs_check_level level) {
  size_t n = 0;
  int first = level < 1 ? 1 : (int)level;
  /* With a baseline, the counts of the first reader to reach the end (the
   * writer's, usually). */
  if (c->baseline_count && tally_known(c)) {
    for (int l = first; l <= 3; l++) n += c->tally[l];
    return n;
  }
  /* Without one every finding counts; and when the findings cannot be read
   * (out of memory), every one counts too, so that none goes unseen. */
  size_t cons[4];
  cons_finding_count(c->cons, cons);
  for (int l = first; l <= 3; l++) n += c->spool.per_level[l] + cons[l];
  return n;
}

/* ---- Baseline --------------------------------------------------------- */

void sxs_finding_fingerprint(const sxs_checker *c, const sxs_finding *f,
                             char *buf, size_t size) {
  const char *name = registry[f->check].name;
  uint64_t h = check_fnv1a(name, strlen(name) + 1, CHECK_FNV_SEED);
  h = check_fnv1a(f->id, strlen(f->id) + 1, h);
  if (f->source) {
    sxs_buf norm = SXS_BUF_INIT;
    check_normalize(f->source, strlen(f->source), &norm);
    sxs_buf_putc(&norm, '\0');
    check_normalize(f->target, strlen(f->target), &norm);
    if (norm.data) h = check_fnv1a(norm.data, norm.len, h);
    sxs_buf_free(&norm);
  } else {
    /* Page-level findings: the message is all there is. */
    h = check_fnv1a(f->message, strlen(f->message), h);
  }
  snprintf(buf, size, "%s\t%s\t%s\t%016llx", sxs_checker_file(c, f->file_index),
           f->id, name, (unsigned long long)h);
}

static struct baseline_key baseline_key_of(const char *line, size_t len) {
  struct baseline_key k = {check_fnv1a(line, len, CHECK_FNV_SEED),
                           sxs_hash_bytes(line, len)};
  return k;
}

static int baseline_key_cmp(const void *a, const void *b) {
  const struct baseline_key *x = a, *y = b;
  if (x->a != y->a) return x->a < y->a ? -1 : 1;
  if (x->b != y->b) return x->b < y->b ? -1 : 1;
  return 0;
}

static int baseline_has(const sxs_checker *c, const char *fp) {
  struct baseline_key k = baseline_key_of(fp, strlen(fp));
  return bsearch(&k, c->baseline, c->baseline_count, sizeof *c->baseline,
                 baseline_key_cmp) != NULL;
}

int sxs_checker_load_baseline(sxs_checker *c, const char *path, char *err,
                              size_t errsize) {
  char *data;
  size_t len;
  if (sxs_read_file(path, &data, &len, err, errsize) < 0) return -1;
  size_t cap = c->baseline_count + 64;
  struct baseline_key *list = realloc(c->baseline, cap * sizeof *list);
  if (!list) {
    free(data);
    snprintf(err, errsize, "out of memory");
    return -1;
  }
  c->baseline = list;
  c->tally_done = 0; /* what was read before did not know these lines */
  unsigned lineno = 0;
  for (char *line = data; line < data + len;) {
    char *nl = memchr(line, '\n', (size_t)(data + len - line));
    char *end = nl ? nl : data + len;
    lineno++;
    size_t n = (size_t)(end - line);
    if (n && line[n - 1] == '\r') n--;
    if (n && line[0] != '#') {
      int tabs = 0;
      for (size_t i = 0; i < n; i++) tabs += line[i] == '\t';
      if (tabs != 3) {
        snprintf(err, errsize,
                 "%s:%u: not a baseline line (FILE<TAB>ID<TAB>CHECK<TAB>HASH)",
                 path, lineno);
        free(data);
        return -1;
      }
      if (c->baseline_count == cap) {
        cap *= 2;
        list = realloc(c->baseline, cap * sizeof *list);
        if (!list) {
          free(data);
          snprintf(err, errsize, "out of memory");
          return -1;
        }
        c->baseline = list;
      }
      c->baseline[c->baseline_count++] = baseline_key_of(line, n);
    }
    line = end + 1;
  }
  free(data);
  qsort(c->baseline, c->baseline_count, sizeof *c->baseline,
        baseline_key_cmp);
  return 0;
}

/* The baseline goes out as it is made, through a temporary file renamed
 * at the end, so that a large one is not held in memory. */
#define BASELINE_CHUNK (64u << 10)

int sxs_checker_write_baseline(const sxs_checker *c, const char *path,
                               char *err, size_t errsize) {
  sxs_atomic_file *file = sxs_atomic_file_open(path, 0, err, errsize);
  if (!file) return -1;
  sxs_buf out = SXS_BUF_INIT;
  sxs_buf_puts(&out,
               "# sxs check baseline: FILE<TAB>ID<TAB>CHECK<TAB>HASH, one "
               "finding a line\n");
  char fp[1024];
  sxs_finding_reader *reader = sxs_checker_read_findings(c);
  const sxs_finding *f;
  int written = 0;
  while (reader && !out.failed && (f = sxs_finding_reader_next(reader))) {
    sxs_finding_fingerprint(c, f, fp, sizeof fp);
    sxs_buf_printf(&out, "%s\n", fp);
    if (out.len >= BASELINE_CHUNK) {
      if (sxs_atomic_file_write(file, out.data, out.len, err, errsize) < 0) {
        written = -1; /* the file is gone with the handle */
        break;
      }
      sxs_buf_clear(&out);
    }
  }
  int failed = !reader || sxs_finding_reader_failed(reader) || out.failed;
  sxs_finding_reader_free(reader);
  if (written < 0) {
    sxs_buf_free(&out);
    return -1;
  }
  if (failed) {
    sxs_buf_free(&out);
    sxs_atomic_file_abort(file);
    snprintf(err, errsize, "out of memory");
    return -1;
  }
  int r = sxs_atomic_file_write(file, out.data, out.len, err, errsize);
  sxs_buf_free(&out);
  if (r < 0) return -1;
  return sxs_atomic_file_commit(file, err, errsize);
}
