/* sxs stats: pairs, words by ICU word boundaries, characters. */
#include <ctype.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
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
  /* Most words are not URLs: their second letter tells at once. */
  char second = i + 1 < len ? (char)tolower((unsigned char)text[i + 1]) : 0;
  if (second != 't' && second != 'w' && second != 'a') return 0;
  for (const char *const *s = schemes; *s; s++) {
    size_t n = strlen(*s);
    if (len - i > n && strncasecmp(text + i, *s, n) == 0) return 1;
  }
  return 0;
}

/* Bytes that may start Markdown or a URL; 2: only at the start of a word
 * (the letters URLs begin with). Everything else is copied in runs. */
static const unsigned char markup_byte[256] = {
    ['\\'] = 1, ['`'] = 1, ['!'] = 1, ['['] = 1, [']'] = 1, ['<'] = 1,
    ['&'] = 1,  ['*'] = 1, ['~'] = 1, ['_'] = 1, ['h'] = 2, ['H'] = 2,
    ['w'] = 2,  ['W'] = 2, ['f'] = 2, ['m'] = 2};

int sxs_countable_text(const char *text, size_t len, sxs_buf *out) {
  /* The text never grows (every replacement is at most as long as what it
   * replaces), so one reservation serves every byte written below. */
  if (sxs_buf_reserve(out, len + 1) < 0) return -1;
  size_t i = 0;
  while (i < len) {
    unsigned char c = (unsigned char)text[i];
    char prev = out->len ? out->data[out->len - 1] : ' ';
    if (c == '\\' && i + 1 < len && ispunct((unsigned char)text[i + 1])) {
      out->data[out->len++] = text[i + 1];
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
      out->data[out->len++] = ' ';
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
          out->data[out->len++] = ' ';
          i = (size_t)(end - text) + 1;
          continue;
        }
      }
      out->data[out->len++] = '<';
      i++;
    } else if (c == '&') {
      size_t n = entity(text, len, i, out);
      if (!n) out->data[out->len++] = '&';
      i += n ? n : 1;
    } else if (c == '*' || c == '~') {
      i++;
    } else if (c == '_' && (!word_byte((unsigned char)prev) || i + 1 == len ||
                            !word_byte((unsigned char)text[i + 1]))) {
      i++;
    } else if (markup_byte[c] == 2 && !word_byte((unsigned char)prev) &&
               starts_url(text, len, i)) {
      while (i < len && !isspace((unsigned char)text[i]) && text[i] != '<')
        i++;
    } else {
      /* Plain text up to the next byte that may be markup. */
      size_t j = i + 1;
      while (j < len) {
        unsigned char kind = markup_byte[(unsigned char)text[j]];
        if (kind == 1 ||
            (kind == 2 && !word_byte((unsigned char)text[j - 1])))
          break;
        j++;
      }
      memcpy(out->data + out->len, text + i, j - i);
      out->len += j - i;
      i = j;
    }
  }
  out->data[out->len] = '\0';
  return out->failed ? -1 : 0;
}

/* ---- ICU ----------------------------------------------------------------- */

/* What counting words in one locale needs: a word break iterator, a UTF-16
 * copy of the text (ICU iterates UTF-16 faster than UTF-8 through UText),
 * and the rules learnt from the iterator (below). Belongs to one thread.
 * The iterator is opened when a text needs it: opening one costs some
 * 80,000 instructions, as much as counting a page's words by the rules. */
typedef struct word_counter {
  char locale[32]; /* ICU's spelling: es_ES */
  UBreakIterator *iterator;
  UChar *utf16;
  int32_t utf16_cap;
  const struct learnt_rules *rules;
} word_counter;

/* Most text (English sources above all, and much of the Latin-script
 * targets) is made of ASCII, Latin letters and common punctuation, where
 * the word rules (UAX #29 as the locale tailors it) reduce to: letters and
 * digits make words; a letter and a digit side by side stay one word or
 * not; some marks join two letters (JOINS_LETTERS: "e.g", "dell'acqua") or
 * two digits (JOINS_DIGITS: "1,000"); the rest separate. What each
 * character does is asked of the iterator itself, once per locale, and
 * text with a character that does anything else (ICU takes '@' for a
 * letter; soft hyphens are transparent; '_' joins in its own way) is left
 * to the iterator. So such text is counted without ICU, with ICU's count.
 * Covered: U+0000-U+024F (ASCII, Latin-1, Latin Extended-A and -B) and
 * U+2000-U+206F (general punctuation). */
enum {
  JOINS_LETTERS = 1,
  JOINS_DIGITS = 2,
  ICU_ONLY = 4,
  SPACE = 8, /* white space: not counted as a character */
  LETTER = 16,
  DIGIT = 32
};
#define LATIN_END 0x250
#define PUNCT_START 0x2000
#define PUNCT_END 0x2070
#define RULE_COUNT (LATIN_END + (PUNCT_END - PUNCT_START))

typedef struct learnt_rules {
  char locale[32];
  unsigned char rule[RULE_COUNT];
  int letter_then_digit, digit_then_letter;
} learnt_rules;

static size_t icu_words(word_counter *wc, const char *text, size_t len,
                        unsigned char *boundaries);

static UChar32 rule_code_point(int index) {
  return index < LATIN_END ? index : PUNCT_START + (index - LATIN_END);
}

static int learn_rules(word_counter *wc, learnt_rules *r) {
  /* For each character C: "aCb 1C2 aC1 1Ca C ", then "a1 1a". */
  enum { PER_CHAR = 18 };
  char *probe = malloc(RULE_COUNT * PER_CHAR * 3 + 8);
  unsigned char *boundaries = malloc(RULE_COUNT * PER_CHAR + 8);
  int *probed_at = malloc(RULE_COUNT * sizeof *probed_at);
  if (!probe || !boundaries || !probed_at) {
    free(probe);
    free(boundaries);
    free(probed_at);
    return -1;
  }
  size_t n = 0;
  int32_t units = 0;
  for (int i = 0; i < RULE_COUNT; i++) {
    UChar32 c = rule_code_point(i);
    probed_at[i] = -1;
    r->rule[i] = u_isUWhiteSpace(c) ? SPACE : 0;
    if (c <= 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)) {
      /* ASCII white space and controls separate words in every locale
       * (UAX #29: WSegSpace, CR, LF, Newline, Other); and a space could not
       * be probed between spaces. */
      continue;
    }
    if (c < 0x80 && isalnum(c)) {
      r->rule[i] = isdigit(c) ? DIGIT : LETTER;
      continue;
    }
    char utf8[4];
    int32_t k = 0;
    UBool error = 0;
    U8_APPEND(utf8, k, 4, c, error);
    if (error || U_IS_SURROGATE(c)) {
      r->rule[i] = ICU_ONLY;
      continue;
    }
    const char *shape = "aCb 1C2 aC1 1Ca C ";
    probed_at[i] = units;
    for (const char *p = shape; *p; p++) {
      if (*p == 'C') {
        memcpy(probe + n, utf8, (size_t)k);
        n += (size_t)k;
        units += U16_LENGTH(c);
      } else {
        probe[n++] = *p;
        units++;
      }
    }
  }
  n += (size_t)sprintf(probe + n, "a1 1a");
  int result = icu_words(wc, probe, n, boundaries) == (size_t)-1 ? -1 : 0;
  for (int i = 0; i < RULE_COUNT && result == 0; i++) {
    if (probed_at[i] < 0) continue;
    UChar32 c = rule_code_point(i);
    int w = U16_LENGTH(c);
    const unsigned char *b = boundaries + probed_at[i];
    /* The contexts "aCb ", "1C2 ", "aC1 ", "1Ca " take 3 + w units each;
     * C is joined to both neighbours, split from both, or (ICU_ONLY)
     * neither. */
    int joined[4], split[4];
    int at = 0;
    for (int k = 0; k < 4; k++) {
      int after_first = b[at + 1] != 0, after_c = b[at + 1 + w] != 0;
      joined[k] = !after_first && !after_c;
      split[k] = after_first && after_c;
      at += 3 + w;
    }
    int alone = b[at + w]; /* 1 not a word, 2 number, 3 letter, 4 other */
    unsigned char rule = r->rule[i] & SPACE;
    if (c >= 0x80 && alone == 3 && joined[0] && joined[1] && joined[2] &&
        joined[3]) {
      rule |= LETTER;
    } else if (alone == 1 && split[2] && split[3] &&
               (joined[0] || split[0]) && (joined[1] || split[1])) {
      if (joined[0]) rule |= JOINS_LETTERS;
      if (joined[1]) rule |= JOINS_DIGITS;
    } else {
      rule |= ICU_ONLY;
    }
    r->rule[i] = rule;
  }
  /* "a1 1a" */
  const unsigned char *tail = boundaries + units;
  r->letter_then_digit = !tail[1];
  r->digit_then_letter = !tail[4];
  r->rule['_'] = ICU_ONLY;
  free(probe);
  free(boundaries);
  free(probed_at);
  return result;
}

/* The rules of the locales met so far: learning them costs more than
 * opening an iterator, and every page would learn them again. Each entry is
 * written once, under the lock, before it is published; then only read. */
#define RULES_CACHE 32
static learnt_rules *rules_cache[RULES_CACHE];
static size_t rules_cached;
static pthread_mutex_t rules_lock = PTHREAD_MUTEX_INITIALIZER;

static const learnt_rules *find_rules(word_counter *wc, const char *locale) {
  const learnt_rules *found = NULL;
  pthread_mutex_lock(&rules_lock);
  for (size_t i = 0; i < rules_cached && !found; i++)
    if (strcmp(rules_cache[i]->locale, locale) == 0) found = rules_cache[i];
  if (!found && rules_cached < RULES_CACHE &&
      strlen(locale) < sizeof rules_cache[0]->locale) {
    learnt_rules *r = calloc(1, sizeof *r);
    if (r && learn_rules(wc, r) == 0) {
      strcpy(r->locale, locale);
      rules_cache[rules_cached++] = r;
      found = r;
    } else {
      free(r);
    }
  }
  pthread_mutex_unlock(&rules_lock);
  return found; /* NULL: every text goes to the iterator */
}

static int word_counter_open(word_counter *wc, const char *locale) {
  char icu[32];
  size_t n = 0;
  if (!locale || !*locale) locale = "en";
  for (; locale[n] && n + 1 < sizeof icu; n++)
    icu[n] = locale[n] == '-' ? '_' : locale[n];
  icu[n] = '\0';
  memcpy(wc->locale, icu, n + 1);
  wc->utf16 = NULL;
  wc->utf16_cap = 0;
  wc->iterator = NULL;
  wc->rules = find_rules(wc, icu);
  if (wc->rules) return 0;
  /* Without rules every text goes to the iterator: open it now, so that a
   * locale ICU cannot open fails here rather than on the first text. */
  UErrorCode status = U_ZERO_ERROR;
  wc->iterator = ubrk_open(UBRK_WORD, icu, NULL, 0, &status);
  return U_FAILURE(status) ? -1 : 0;
}

static void word_counter_close(word_counter *wc) {
  if (wc->iterator) ubrk_close(wc->iterator);
  free(wc->utf16);
  wc->iterator = NULL;
  wc->utf16 = NULL;
}

/* Code points that are not white space. */
static size_t count_chars(const char *text, size_t len) {
  size_t count = 0;
  int32_t i = 0;
  while ((size_t)i < len) {
    unsigned char b = (unsigned char)text[i];
    if (b < 0x80) {
      count += !(b == ' ' || (b >= '\t' && b <= '\r'));
      i++;
      continue;
    }
    UChar32 c;
    U8_NEXT(text, i, (int32_t)len, c);
    if (c < 0 || !u_isUWhiteSpace(c)) count++;
  }
  return count;
}

/* The rule of the character at text[*i], which is moved past it, or
 * ICU_ONLY for one the rules do not cover. */
static unsigned char next_rule(const learnt_rules *r, const char *text,
                               size_t len, size_t *i) {
  unsigned char b = (unsigned char)text[*i];
  if (b < 0x80) {
    (*i)++;
    return r->rule[b];
  }
  if (b >= 0xC2 && b <= 0xC9 && *i + 1 < len &&
      ((unsigned char)text[*i + 1] & 0xC0) == 0x80) {
    int cp = ((b & 0x1F) << 6) | ((unsigned char)text[*i + 1] & 0x3F);
    *i += 2;
    return cp < LATIN_END ? r->rule[cp] : ICU_ONLY;
  }
  if (b == 0xE2 && *i + 2 < len && (unsigned char)text[*i + 1] >= 0x80 &&
      (unsigned char)text[*i + 1] <= 0x81 &&
      ((unsigned char)text[*i + 2] & 0xC0) == 0x80) {
    int cp = 0x2000 | (((unsigned char)text[*i + 1] & 0x3F) << 6) |
             ((unsigned char)text[*i + 2] & 0x3F);
    *i += 3;
    return cp < PUNCT_END ? r->rule[LATIN_END + cp - PUNCT_START] : ICU_ONLY;
  }
  return ICU_ONLY;
}

/* Words (and in *chars the characters that are not white space) by the
 * learnt rules, or (size_t)-1 when the text has a character they do not
 * cover. */
static size_t rule_words(const learnt_rules *r, const char *text, size_t len,
                         size_t *chars) {
  size_t words = 0, characters = 0;
  /* What the previous two characters were: LETTER, DIGIT or 0, and the
   * rule of the previous one. */
  int before = 0, two_before = 0;
  unsigned char rule_before = 0;
  size_t i = 0;
  while (i < len) {
    unsigned char rule = next_rule(r, text, len, &i);
    if (rule & ICU_ONLY) return (size_t)-1;
    int kind = rule & (LETTER | DIGIT);
    characters += !(rule & SPACE);
    if (kind) {
      int joined;
      if (before == kind) joined = 1;
      else if (before) joined = kind == DIGIT ? r->letter_then_digit
                                              : r->digit_then_letter;
      else
        joined = two_before == kind &&
                 (rule_before & (kind == LETTER ? JOINS_LETTERS : JOINS_DIGITS));
      words += !joined;
    }
    two_before = before;
    before = kind;
    rule_before = rule;
  }
  *chars = characters;
  return words;
}

/* Words by the iterator. boundaries (may be NULL; len + 1 bytes) receives
 * at each UTF-16 offset 0, or at the end of a segment 1 (not a word), 2 (a
 * number), 3 (a letter word) or 4 (another word: kana, ideographs). */
static size_t icu_words(word_counter *wc, const char *text, size_t len,
                        unsigned char *boundaries) {
  if (len == 0) return 0;
  /* UTF-16 is never longer in units than UTF-8 in bytes. */
  if (len >= INT32_MAX) return (size_t)-1;
  if ((int32_t)len + 1 > wc->utf16_cap) {
    int32_t cap = (int32_t)len + 1 > 256 ? (int32_t)len + 1 : 256;
    UChar *grown = realloc(wc->utf16, (size_t)cap * sizeof *grown);
    if (!grown) return (size_t)-1;
    wc->utf16 = grown;
    wc->utf16_cap = cap;
  }
  UErrorCode status = U_ZERO_ERROR;
  if (!wc->iterator) {
    wc->iterator = ubrk_open(UBRK_WORD, wc->locale, NULL, 0, &status);
    if (U_FAILURE(status)) return (size_t)-1;
  }
  int32_t units = 0;
  u_strFromUTF8WithSub(wc->utf16, wc->utf16_cap, &units, text, (int32_t)len,
                       0xFFFD, NULL, &status);
  if (U_FAILURE(status)) return (size_t)-1;
  ubrk_setText(wc->iterator, wc->utf16, units, &status);
  if (U_FAILURE(status)) return (size_t)-1;
  if (boundaries) memset(boundaries, 0, (size_t)units + 1);
  size_t words = 0;
  for (int32_t b = ubrk_next(wc->iterator); b != UBRK_DONE;
       b = ubrk_next(wc->iterator)) {
    int status_value = ubrk_getRuleStatus(wc->iterator);
    int word = status_value >= UBRK_WORD_NONE_LIMIT;
    if (boundaries)
      boundaries[b] = (unsigned char)(!word ? 1
                                      : status_value < UBRK_WORD_NUMBER_LIMIT ? 2
                                      : status_value < UBRK_WORD_LETTER_LIMIT ? 3
                                                                             : 4);
    words += (size_t)word;
  }
  return words;
}

static size_t word_counter_count(word_counter *wc, const char *text,
                                 size_t len, size_t *chars) {
  size_t rule_chars = 0;
  size_t words =
      wc->rules ? rule_words(wc->rules, text, len, &rule_chars) : (size_t)-1;
  if (words != (size_t)-1) {
    if (chars) *chars = rule_chars;
    return words;
  }
  if (chars) *chars = count_chars(text, len);
  return icu_words(wc, text, len, NULL);
}

size_t sxs_count_words(const char *text, size_t len, const char *locale,
                       size_t *chars) {
  word_counter wc;
  size_t words = (size_t)-1;
  if (word_counter_open(&wc, locale) == 0)
    words = word_counter_count(&wc, text, len, chars);
  word_counter_close(&wc);
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

/* ---- a page -------------------------------------------------------------- */

static int blank(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (!isspace((unsigned char)s[i])) return 0;
  return 1;
}

static size_t count_side(word_counter *wc, sxs_buf *scratch,
                         const char *text, size_t len, size_t *chars) {
  sxs_buf_clear(scratch);
  if (sxs_countable_text(text, len, scratch) < 0) return (size_t)-1;
  return word_counter_count(wc, scratch->data, scratch->len, chars);
}

void sxs_page_count_free(sxs_page_count *count) {
  free(count->source_words);
  memset(count, 0, sizeof *count);
}

int sxs_stats_count_page(const sxs_page *page, sxs_page_count *count) {
  memset(count, 0, sizeof *count);
  sxs_stats *s = &count->stats;
  s->pages = 1;
  const char *type = sxs_page_translation_type(page);
  if (strcmp(type, "MT") == 0) s->mt_pages = 1;
  if (strcmp(type, "HT") == 0) s->ht_pages = 1;
  size_t len;
  const char *data = sxs_page_data(page, &len);
  const sxs_pair *pairs = sxs_page_pairs(page);
  size_t n = sxs_page_pair_count(page);
  if (n == 0) return 0;
  count->source_words = malloc(n * sizeof *count->source_words);
  word_counter english, target;
  int opened = word_counter_open(&english, "en");
  opened |= word_counter_open(&target, sxs_page_locale(page));
  sxs_buf scratch = SXS_BUF_INIT;
  int result = count->source_words && opened == 0 ? 0 : -1;
  for (size_t i = 0; i < n && result == 0; i++) {
    const char *src = data + pairs[i].source.start;
    size_t src_len = pairs[i].source.end - pairs[i].source.start;
    const char *tgt = data + pairs[i].target.start;
    size_t tgt_len = pairs[i].target.end - pairs[i].target.start;
    size_t sc = 0, tc = 0;
    size_t sw = count_side(&english, &scratch, src, src_len, &sc);
    size_t tw = count_side(&target, &scratch, tgt, tgt_len, &tc);
    if (sw == (size_t)-1 || tw == (size_t)-1) {
      result = -1;
      break;
    }
    count->source_words[i] = sw;
    s->pairs++;
    s->source_words += sw;
    s->target_words += tw;
    s->source_chars += sc;
    s->target_chars += tc;
    if (blank(tgt, tgt_len)) s->empty++;
    else if (tgt_len == src_len && memcmp(tgt, src, src_len) == 0)
      s->untranslated++;
  }
  count->pair_count = n;
  sxs_buf_free(&scratch);
  word_counter_close(&english);
  word_counter_close(&target);
  if (result < 0) sxs_page_count_free(count);
  return result;
}

/* ---- a run --------------------------------------------------------------- */

struct sxs_stats_run {
  sxs_stats total;
  sxs_strmap seen_sources;
};

sxs_stats_run *sxs_stats_run_new(void) {
  return calloc(1, sizeof(sxs_stats_run));
}

void sxs_stats_run_free(sxs_stats_run *run) {
  if (!run) return;
  sxs_strmap_free(&run->seen_sources, NULL);
  free(run);
}

const sxs_stats *sxs_stats_run_total(const sxs_stats_run *run) {
  return &run->total;
}

int sxs_stats_run_add(sxs_stats_run *run, const sxs_page *page,
                      const sxs_page_count *count, sxs_stats *s) {
  *s = count->stats;
  size_t len;
  const char *data = sxs_page_data(page, &len);
  const sxs_pair *pairs = sxs_page_pairs(page);
  size_t n = sxs_page_pair_count(page);
  if (n != count->pair_count) return -1;
  for (size_t i = 0; i < n; i++) {
    /* Repetition as a CAT tool sees it: the same SOURCE, byte for byte,
     * earlier in the run. */
    const char *src = data + pairs[i].source.start;
    size_t src_len = pairs[i].source.end - pairs[i].source.start;
    sxs_strmap_entry *e = sxs_strmap_put(&run->seen_sources, src, src_len);
    if (!e) return -1;
    if (e->value) {
      s->repetitions++;
      s->repeated_words += count->source_words[i];
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

int sxs_stats_add_page(sxs_stats_run *run, const sxs_page *page,
                       sxs_stats *page_stats) {
  sxs_page_count count;
  if (sxs_stats_count_page(page, &count) < 0) return -1;
  int result = sxs_stats_run_add(run, page, &count, page_stats);
  sxs_page_count_free(&count);
  return result;
}

