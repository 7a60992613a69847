/* Numbers of a pair, read with the locale's separators (from ICU), and the
 * text helpers of sxs check: NFC with white space folded, case folding,
 * whole-word search. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pthread.h>

#include <unicode/uchar.h>
#include <unicode/ucasemap.h>
#include <unicode/unorm2.h>
#include <unicode/unum.h>
#include <unicode/ustring.h>

#include "check_internal.h"
#include "grow.h"

static void numbers_add(check_numbers *set, const char *value, size_t len) {
  /* Leading zeros do not change a number: 02 = 2, 00:00 holds 0. */
  while (len > 1 && value[0] == '0' && value[1] >= '0' && value[1] <= '9') {
    value++;
    len--;
  }
  if (len == 0 || len >= sizeof set->items[0]) return;
  char(*grown)[40] = sxs_grow(set->items, &set->cap, set->count,
                              sizeof *grown, 16);
  if (!grown) return;
  set->items = grown;
  memcpy(set->items[set->count], value, len);
  set->items[set->count][len] = '\0';
  set->count++;
}

int check_numbers_has(const check_numbers *set, const char *value) {
  for (size_t i = 0; i < set->count; i++)
    if (strcmp(set->items[i], value) == 0) return 1;
  return 0;
}

void check_numbers_free(check_numbers *set) {
  free(set->items);
  set->items = NULL;
  set->count = set->cap = 0;
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* Length of a space-like group separator at s[i]: ASCII space, no-break
 * space, narrow no-break space, thin space; 0 if none. */
static size_t space_sep(const char *s, size_t len, size_t i) {
  if (s[i] == ' ') return 1;
  if (i + 1 < len && (unsigned char)s[i] == 0xC2 &&
      (unsigned char)s[i + 1] == 0xA0)
    return 2;
  if (i + 2 < len && (unsigned char)s[i] == 0xE2 &&
      (unsigned char)s[i + 1] == 0x80 &&
      ((unsigned char)s[i + 2] == 0xAF || (unsigned char)s[i + 2] == 0x89))
    return 3;
  return 0;
}

static size_t digit_run(const char *s, size_t len, size_t i) {
  size_t j = i;
  while (j < len && is_digit(s[j])) j++;
  return j - i;
}

typedef struct number_scan {
  check_numbers *out;
  int target;
  const check_locale *rules;
} number_scan;

/* English reading of a token made of digits, ',' and '.'. */
static void read_english(check_numbers *out, const char *tok, size_t n) {
  /* Is every ',' a group separator (followed by exactly three digits)? */
  int grouping = 1, commas = 0, dots = 0;
  for (size_t i = 0; i < n; i++) {
    if (tok[i] == ',') {
      commas++;
      if (dots || digit_run(tok, n, i + 1) != 3) grouping = 0;
    } else if (tok[i] == '.') {
      dots++;
    }
  }
  if (commas && !grouping) {
    /* A list such as "1,2": each part on its own. */
    size_t at = 0;
    for (size_t i = 0; i <= n; i++)
      if (i == n || tok[i] == ',') {
        read_english(out, tok + at, i - at);
        at = i + 1;
      }
    return;
  }
  char buf[40];
  size_t k = 0;
  for (size_t i = 0; i < n && k + 1 < sizeof buf; i++)
    if (tok[i] != ',') buf[k++] = tok[i];
  numbers_add(out, buf, k);
}

/* The first digit from s[p] on, or end. */
static size_t next_digit(const char *s, size_t p, size_t end) {
  while (end - p >= 8) {
    uint64_t v;
    memcpy(&v, s + p, 8);
    uint64_t digits = check_digit_bytes(v);
    if (digits) return p + check_first_marked(digits);
    p += 8;
  }
  while (p < end && !is_digit(s[p])) p++;
  return p;
}

static void scan_segment(void *ctx, const char *s, size_t start, size_t end) {
  number_scan *scan = ctx;
  size_t p = start;
  while (p < end) {
    if (!is_digit(s[p])) {
      p = next_digit(s, p + 1, end);
      continue;
    }
    /* Digits glued to a letter before them are part of a name (H2, x64). */
    if (p > start) {
      size_t prev_start;
      int32_t prev = check_utf8_prev(s, p, &prev_start);
      /* ASCII letters only: CJK text puts digits right after ideographs. */
      if (prev < 0x80 && check_is_word_char(prev) && !is_digit(s[prev_start])) {
        while (p < end && (is_digit(s[p]) ||
                           check_is_word_char((unsigned char)s[p])))
          p++;
        continue;
      }
    }
    size_t q = p;
    for (;;) {
      q += digit_run(s, end, q);
      if (q >= end) break;
      size_t sep = 0;
      if (s[q] == ',' || s[q] == '.' || (scan->target && s[q] == '\''))
        sep = 1;
      else if (s[q] == '\\' && q + 1 < end && (s[q + 1] == '.' || s[q + 1] == ','))
        sep = 2; /* an escaped separator: 0\.085 */
      else if (scan->target)
        sep = space_sep(s, end, q);
      if (!sep || q + sep >= end || !is_digit(s[q + sep])) break;
      /* A space joins only a group of exactly three digits. */
      if (s[q] != ',' && s[q] != '.' && s[q] != '\'' && s[q] != '\\' &&
          digit_run(s, end, q + sep) != 3)
        break;
      q += sep;
    }
    char tokbuf[40];
    size_t n = 0;
    for (size_t i = p; i < q && n + 1 < sizeof tokbuf; i++)
      if (s[i] != '\\') tokbuf[n++] = s[i];
    const char *tok = tokbuf;
    if (!scan->target) {
      /* Ordinal suffixes (1st, 2nd) are words the target spells its way. */
      int ordinal = q + 1 < end &&
                    (strncmp(s + q, "st", 2) == 0 ||
                     strncmp(s + q, "nd", 2) == 0 ||
                     strncmp(s + q, "rd", 2) == 0 ||
                     strncmp(s + q, "th", 2) == 0);
      if (!ordinal) read_english(scan->out, tok, n);
    } else {
      check_numbers *out = scan->out;
      /* Each run of digits alone, the token as written, the English
       * reading and the locale's reading. */
      for (size_t i = 0; i < n;) {
        size_t r = digit_run(tok, n, i);
        if (r) {
          numbers_add(out, tok + i, r);
          /* A 24-hour clock reads 7 PM as 19, midnight as 0 or 12. */
          if (r <= 2) {
            /* tok is not NUL-terminated: the run's digits only. */
            int hour = r == 1 ? tok[i] - '0'
                              : (tok[i] - '0') * 10 + (tok[i + 1] - '0');
            char h[16];
            if (hour >= 13 && hour <= 24) {
              snprintf(h, sizeof h, "%d", hour - 12);
              numbers_add(out, h, strlen(h));
            } else if (hour == 0) {
              numbers_add(out, "12", 2);
            }
          }
          i += r;
        } else {
          i++;
        }
      }
      numbers_add(out, tok, n);
      read_english(out, tok, n);
      char buf[40];
      size_t k = 0;
      const char *dec = scan->rules->decimal;
      size_t dec_len = strlen(dec);
      const char *grp = scan->rules->group;
      size_t grp_len = strlen(grp);
      for (size_t i = 0; i < n && k + 1 < sizeof buf;) {
        if (is_digit(tok[i])) {
          buf[k++] = tok[i++];
        } else if (dec_len && n - i >= dec_len &&
                   memcmp(tok + i, dec, dec_len) == 0) {
          buf[k++] = '.';
          i += dec_len;
        } else if (grp_len && n - i >= grp_len &&
                   memcmp(tok + i, grp, grp_len) == 0) {
          i += grp_len;
        } else {
          size_t sp = space_sep(tok, n, i);
          i += sp ? sp : 1;
        }
      }
      numbers_add(out, buf, k);
      /* 1万 = 10000, 1.5万 = 15000. */
      for (size_t m = 0; m < scan->rules->myriad_count; m++) {
        size_t wl = strlen(scan->rules->myriad_words[m]);
        size_t after = q;
        while (after < end && s[after] == ' ') after++;
        if (end - after < wl ||
            memcmp(s + after, scan->rules->myriad_words[m], wl) != 0)
          continue;
        char value[40];
        size_t v = 0, frac = 0;
        int seen_dot = 0;
        for (size_t i = 0; i < k && v + 1 < sizeof value; i++) {
          if (buf[i] == '.') {
            seen_dot = 1;
            continue;
          }
          if (seen_dot) frac++;
          value[v++] = buf[i];
        }
        unsigned power = scan->rules->myriad_powers[m];
        if (frac > power) continue;
        for (size_t z = frac; z < power && v + 1 < sizeof value; z++)
          value[v++] = '0';
        numbers_add(out, value, v);
      }
    }
    p = q;
    /* Skip the rest of a run glued to letters (3rd, 5GB). */
    while (p < end && check_is_word_char((unsigned char)s[p]) &&
           !is_digit(s[p]))
      p++;
  }
}

void check_numbers_source(const check_inline *in, const char *text,
                          size_t len, check_numbers *out) {
  number_scan scan = {out, 0, NULL};
  check_inline_prose(in, text, len, scan_segment, &scan);
}

void check_numbers_target(const check_inline *in, const char *text,
                          size_t len, const check_locale *rules,
                          check_numbers *out) {
  number_scan scan = {out, 1, rules};
  check_inline_prose(in, text, len, scan_segment, &scan);
}

/* ---- Spelled-out numbers (ICU rule-based number format) -------------- */

#define SPELL_CACHE 8
#define SPELL_WORDS 12

static struct spell_cache {
  char locale[32];
  /* Folded spellings of 0..9, NUL separated, an empty string ends. */
  char words[10][SPELL_WORDS * 16];
} spell_cache[SPELL_CACHE];
static size_t spell_cache_count;
/* Pages are checked in several threads: the cache is shared, filled once
 * per locale under the lock, and read-only once filled. */
static pthread_mutex_t spell_lock = PTHREAD_MUTEX_INITIALIZER;

static void spell_fill(struct spell_cache *c, const char *locale) {
  snprintf(c->locale, sizeof c->locale, "%s", locale);
  memset(c->words, 0, sizeof c->words);
  char icu_locale[32];
  snprintf(icu_locale, sizeof icu_locale, "%s", locale);
  for (char *p = icu_locale; *p; p++)
    if (*p == '-') *p = '_';
  UErrorCode status = U_ZERO_ERROR;
  UNumberFormat *fmt =
      unum_open(UNUM_SPELLOUT, NULL, 0, icu_locale, NULL, &status);
  if (U_FAILURE(status)) return;
  UChar sets[1024];
  int32_t sets_len =
      unum_getTextAttribute(fmt, UNUM_PUBLIC_RULESETS, sets, 1023, &status);
  if (U_FAILURE(status)) sets_len = 0;
  sets[sets_len > 0 ? sets_len : 0] = 0;
  size_t used[10] = {0};
  int32_t at = 0;
  while (at <= sets_len) {
    int32_t e = at;
    while (e < sets_len && sets[e] != ';') e++;
    if (e > at) {
      UErrorCode st = U_ZERO_ERROR;
      unum_setTextAttribute(fmt, UNUM_DEFAULT_RULESET, sets + at, e - at,
                            &st);
      /* Ordinal and year rule sets give other words; keep cardinals. */
      char name[64];
      int32_t nl = 0;
      u_strToUTF8(name, 63, &nl, sets + at, e - at, &st);
      name[nl > 0 && nl < 63 ? nl : 0] = '\0';
      if (U_SUCCESS(st) && strstr(name, "cardinal") != NULL) {
        for (int d = 0; d < 10; d++) {
          UChar word[64];
          UErrorCode fs = U_ZERO_ERROR;
          int32_t wl = unum_format(fmt, d, word, 64, NULL, &fs);
          if (U_FAILURE(fs) || wl <= 0 || wl >= 64) continue;
          char utf8[64];
          int32_t ul = 0;
          u_strToUTF8(utf8, 63, &ul, word, wl, &fs);
          if (U_FAILURE(fs)) continue;
          sxs_buf folded = SXS_BUF_INIT;
          check_fold(utf8, (size_t)ul, &folded);
          size_t room = sizeof c->words[d] - used[d];
          if (folded.len > 0 && folded.len + 2 < room) {
            memcpy(c->words[d] + used[d], folded.data, folded.len);
            used[d] += folded.len + 1;
          }
          sxs_buf_free(&folded);
        }
      }
    }
    at = e + 1;
  }
  unum_close(fmt);
}

int check_number_spelled(const char *locale, int digit, const char *text,
                         size_t len) {
  if (digit < 0 || digit > 9 || !locale || !*locale) return 0;
  struct spell_cache *c = NULL;
  static _Thread_local struct spell_cache uncached;
  pthread_mutex_lock(&spell_lock);
  for (size_t i = 0; i < spell_cache_count; i++)
    if (strcmp(spell_cache[i].locale, locale) == 0) c = &spell_cache[i];
  if (!c && spell_cache_count < SPELL_CACHE) {
    c = &spell_cache[spell_cache_count];
    spell_fill(c, locale);
    spell_cache_count++;
  }
  pthread_mutex_unlock(&spell_lock);
  if (!c) {
    /* More locales than the cache holds (never seen in one run): this
     * thread's own copy, so that no filled entry is overwritten while
     * another thread reads it. */
    c = &uncached;
    if (strcmp(c->locale, locale) != 0) spell_fill(c, locale);
  }
  sxs_buf folded = SXS_BUF_INIT;
  check_fold(text, len, &folded);
  int found = 0;
  for (const char *w = c->words[digit]; *w && !found; w += strlen(w) + 1)
    if (folded.data && check_find_word(folded.data, folded.len, w, strlen(w)))
      found = 1;
  sxs_buf_free(&folded);
  return found;
}

/* ---- Text helpers ----------------------------------------------------- */

static int is_ascii(const char *s, size_t len) {
  /* Eight bytes at a time: most text is ASCII. */
  size_t i = 0;
  for (; i + 8 <= len; i += 8) {
    uint64_t w;
    memcpy(&w, s + i, 8);
    if (w & 0x8080808080808080ULL) return 0;
  }
  s += i;
  len -= i;
  for (size_t i = 0; i < len; i++)
    if ((unsigned char)s[i] >= 0x80) return 0;
  return 1;
}

static void fold_space(const char *s, size_t len, sxs_buf *out) {
  if (sxs_buf_reserve(out, len + 1) < 0) return;
  char *w = out->data + out->len;
  size_t i = 0;
  while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
                     s[i] == '\r'))
    i++;
  int pending = 0;
  for (; i < len; i++) {
    char c = s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      pending = 1;
      continue;
    }
    if (pending) *w++ = ' ';
    pending = 0;
    *w++ = c;
  }
  out->len = (size_t)(w - out->data);
}

int check_nfc_inert_char(int32_t c) {
  /* Below U+0300 (Latin-1, Latin Extended, IPA, modifier letters) every
   * code point is Yes with class 0: the common case is decided without
   * ICU (test_check verifies this against ICU). U+FFFD may stand for
   * invalid bytes, which ICU's conversion treats its own way. */
  if (c < 0x300) return 1;
  return c != 0xFFFD &&
         u_getIntPropertyValue(c, UCHAR_NFC_QUICK_CHECK) == UNORM_YES &&
         u_getCombiningClass(c) == 0;
}

int check_nfc_inert(const char *text, size_t len) {
  for (size_t i = 0; i < len;) {
    if ((unsigned char)text[i] < 0x80) {
      i++;
      continue;
    }
    if (!check_nfc_inert_char(check_utf8_next_wide(text, len, &i))) return 0;
  }
  return 1;
}

void check_normalize(const char *text, size_t len, sxs_buf *out) {
  /* Text that NFC leaves alone (all of it, nearly, in practice) skips the
   * round trip through UTF-16. */
  if (check_nfc_inert(text, len)) {
    fold_space(text, len, out);
    return;
  }
  UErrorCode status = U_ZERO_ERROR;
  const UNormalizer2 *nfc = unorm2_getNFCInstance(&status);
  int32_t ulen = 0;
  u_strFromUTF8Lenient(NULL, 0, &ulen, text, (int32_t)len, &status);
  status = U_ZERO_ERROR;
  UChar *u = malloc(sizeof(UChar) * (size_t)(ulen + 1));
  UChar *n = malloc(sizeof(UChar) * (size_t)(ulen * 3 + 1));
  char *utf8 = malloc((size_t)ulen * 9 + 1);
  int ok = u && n && utf8;
  if (ok) {
    /* The lenient preflight may count more units than it writes: the
     * length is the one written, or garbage would be normalized too. */
    int32_t written = 0;
    u_strFromUTF8Lenient(u, ulen + 1, &written, text, (int32_t)len, &status);
    if (written > ulen) written = ulen;
    int32_t nlen = unorm2_normalize(nfc, u, written, n, ulen * 3 + 1, &status);
    int32_t blen = 0;
    if (U_SUCCESS(status))
      u_strToUTF8WithSub(utf8, ulen * 9 + 1, &blen, n, nlen, 0xFFFD, NULL,
                         &status);
    if (U_SUCCESS(status))
      fold_space(utf8, (size_t)blen, out);
    else
      ok = 0;
  }
  if (!ok) fold_space(text, len, out);
  free(u);
  free(n);
  free(utf8);
}

void check_fold(const char *text, size_t len, sxs_buf *out) {
  if (is_ascii(text, len)) {
    if (sxs_buf_reserve(out, len + 1) < 0) return;
    for (size_t i = 0; i < len; i++) {
      char c = text[i];
      out->data[out->len++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    out->data[out->len] = '\0';
    return;
  }
  UErrorCode status = U_ZERO_ERROR;
  UCaseMap *map = ucasemap_open(NULL, 0, &status);
  if (U_FAILURE(status)) {
    sxs_buf_append(out, text, len);
    return;
  }
  size_t cap = len * 3 + 16;
  if (sxs_buf_reserve(out, cap + 1) == 0) {
    int32_t n = ucasemap_utf8FoldCase(map, out->data + out->len,
                                      (int32_t)cap, text, (int32_t)len,
                                      &status);
    if (U_SUCCESS(status) && n >= 0 && (size_t)n <= cap) {
      out->len += (size_t)n;
      out->data[out->len] = '\0';
    } else {
      sxs_buf_append(out, text, len);
    }
  }
  ucasemap_close(map);
}

const char *check_find_word(const char *hay, size_t hay_len,
                            const char *needle, size_t needle_len) {
  if (needle_len == 0 || needle_len > hay_len) return NULL;
  for (size_t i = 0; i + needle_len <= hay_len; i++) {
    if (hay[i] != needle[0] || memcmp(hay + i, needle, needle_len) != 0)
      continue;
    size_t s;
    /* Boundaries count only where the needle itself starts or ends with a
     * word character. */
    size_t first_end = 0;
    int32_t first = check_utf8_next(needle, needle_len, &first_end);
    size_t last_start;
    int32_t last = check_utf8_prev(needle, needle_len, &last_start);
    if (i > 0 && check_is_word_char(first) &&
        check_is_word_char(check_utf8_prev(hay, i, &s)))
      continue;
    size_t after = i + needle_len;
    if (after < hay_len && check_is_word_char(last)) {
      size_t q = after;
      if (check_is_word_char(check_utf8_next(hay, hay_len, &q))) continue;
    }
    return hay + i;
  }
  return NULL;
}
