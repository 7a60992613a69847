/* Internals of sxs check: the inline tokenizer, locale rules, numbers and
 * the glossary. Not installed. */
#ifndef SXS_CHECK_INTERNAL_H
#define SXS_CHECK_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "sxs/sxs_buf.h"
#include "sxs/sxs_check.h"

/* The buffer's text with a NUL after it (sxs_buf does not keep one); ""
 * when the buffer is empty or failed. */
static inline const char *check_cstr(sxs_buf *b) {
  if (sxs_buf_reserve(b, 1) < 0) return "";
  b->data[b->len] = '\0';
  return b->data;
}

/* A brief quotation: at most size - 1 bytes with the "…" that marks a cut,
 * cut on a character boundary, new lines shown as spaces. Returns out. */
char *check_quote(const char *s, size_t len, char *out, size_t size);

/* FNV-1a, 64 bits: the order in which consistency reports list variants
 * of equal frequency, and the baseline's fingerprints. Stable across
 * versions (a baseline stores it). */
#define CHECK_FNV_SEED 14695981039346656037ULL
static inline uint64_t check_fnv1a(const char *s, size_t len, uint64_t h) {
  for (size_t i = 0; i < len; i++) {
    h ^= (unsigned char)s[i];
    h *= 1099511628211ULL;
  }
  return h;
}

/* Findings copied out of a reader, each string a copy of its own: what
 * outlives the reader's next call (the sorted fallback, sxs_checker_finding,
 * a JUnit test suite). */
typedef struct check_finding_list {
  sxs_finding *items;
  size_t count, cap;
} check_finding_list;

/* Appends a copy of f. Returns -1 when out of memory (nothing added). */
int check_finding_list_add(check_finding_list *list, const sxs_finding *f);
/* Frees the copies; the list keeps its room. */
void check_finding_list_clear(check_finding_list *list);
void check_finding_list_free(check_finding_list *list);

/* Whether pages came in the report's order (file, line, column). The
 * pages' findings and the consistency log each keep one: their reader sorts
 * only when a page began before the one ahead of it had ended. */
typedef struct check_order {
  size_t file;
  unsigned line, column; /* where the last page ended */
  int started;
  int broken;
} check_order;

/* Notes one page's places, from its first to its last. */
static inline void check_order_note(check_order *o, size_t file,
                                    unsigned first_line, unsigned first_column,
                                    unsigned last_line, unsigned last_column) {
  if (o->started &&
      (file != o->file ? file < o->file
                       : first_line != o->line ? first_line < o->line
                                               : first_column < o->column))
    o->broken = 1;
  o->started = 1;
  o->file = file;
  o->line = last_line;
  o->column = last_column;
}

/* ---- Eight bytes at a time -------------------------------------------- */

/* The index, in memory order, of the first of the eight bytes loaded into
 * a uint64_t that m marks (0x80 in the byte; m != 0). */
static inline size_t check_first_marked(uint64_t m) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  return (size_t)__builtin_clzll(m) / 8;
#else
  return (size_t)__builtin_ctzll(m) / 8;
#endif
}

/* 0x80 in each byte of v that is an ASCII digit, 0 elsewhere: exact, no
 * carry from one byte into the next. */
static inline uint64_t check_digit_bytes(uint64_t v) {
  const uint64_t ones = 0x0101010101010101ULL, high = ones * 0x80;
  uint64_t low7 = v & ~high;
  return (low7 + ones * (0x80 - '0')) & ~(low7 + ones * (0x80 - '9' - 1)) &
         ~v & high;
}

/* ---- Inline tokenizer ------------------------------------------------ */

typedef struct check_span {
  size_t start, end; /* byte range in the analysed text */
} check_span;

typedef struct check_link {
  int image;
  check_span text;  /* between the brackets */
  check_span dest;  /* the destination, without <> */
  size_t end;       /* after the closing parenthesis */
} check_link;

typedef struct check_code {
  check_span content; /* between the backtick runs, as written */
  check_span whole;   /* with the backticks */
} check_code;

typedef struct check_tag {
  char name[24]; /* lowercase, "/" first for a closing tag */
  check_span where;
} check_tag;

#define CHECK_MAX_ITEMS 64

/* What a TARGET or SOURCE holds, for comparison. Items past
 * CHECK_MAX_ITEMS are counted but not kept. */
typedef struct check_inline {
  check_link links[CHECK_MAX_ITEMS];
  size_t link_count;
  check_code codes[CHECK_MAX_ITEMS];
  size_t code_count;
  check_tag tags[CHECK_MAX_ITEMS];
  size_t tag_count;
  check_span urls[CHECK_MAX_ITEMS]; /* autolinks, bare URLs, e-mails */
  size_t url_count;
  /* Ranges that are not prose: code, tags, link destinations, URLs. Sorted,
   * not overlapping. */
  check_span masked[CHECK_MAX_ITEMS * 3];
  size_t masked_count;
  int has_emphasis_delims; /* a * or _ outside masked ranges */
} check_inline;

void check_inline_analyze(const char *text, size_t len, check_inline *out);

/* Calls fn for each run of prose (outside masked ranges). */
typedef void (*check_prose_fn)(void *ctx, const char *text, size_t start,
                               size_t end);
void check_inline_prose(const check_inline *in, const char *text, size_t len,
                        check_prose_fn fn, void *ctx);

/* Writes the prose of text (masked ranges become one space) into out. */
void check_inline_prose_text(const check_inline *in, const char *text,
                             size_t len, sxs_buf *out);

/* A multi-byte sequence at s[*i] (check_utf8_next does ASCII inline). */
int32_t check_utf8_next_wide(const char *s, size_t len, size_t *i);
/* Decodes one UTF-8 code point at s[*i] (i < len), advancing *i; invalid
 * bytes decode as U+FFFD one byte at a time. Inline: the checks call it for
 * every character, and most characters are ASCII. */
static inline int32_t check_utf8_next(const char *s, size_t len, size_t *i) {
  unsigned char c = (unsigned char)s[*i];
  if (c < 0x80) {
    (*i)++;
    return c;
  }
  return check_utf8_next_wide(s, len, i);
}
/* The code point that ends at s[i] (i > 0), and its start in *start. */
int32_t check_utf8_prev(const char *s, size_t i, size_t *start);
/* Letters and digits of any script (ICU beyond ASCII). */
int check_is_word_char_wide(int32_t c);
extern const unsigned char check_ascii_word[128]; /* 1: [A-Za-z0-9] */
static inline int check_is_word_char(int32_t c) {
  if (c < 0x80) return check_ascii_word[c];
  return check_is_word_char_wide(c);
}

/* ---- Locale rules (locales/NAME.conf) -------------------------------- */

#define CHECK_PUNCT_KINDS 6 /* . ? ! : ; ... */

typedef struct check_locale {
  char name[32];
  /* For each end punctuation of the source, the accepted target endings
   * (UTF-8, space separated in the file, NUL separated here). */
  char end_punct[CHECK_PUNCT_KINDS][64];
  char open_question[8];    /* e.g. "¿", required when a ? ends it */
  char open_exclamation[8]; /* e.g. "¡" */
  char space_before[32];    /* punctuation that needs a space before */
  double length_min, length_max;
  unsigned length_min_chars;
  /* Large-number words: "万" = 10^4 etc. */
  char myriad_words[4][8];
  unsigned myriad_powers[4];
  size_t myriad_count;
  /* Number symbols, from ICU. */
  char decimal[8];
  char group[8];
  char language[12];
} check_locale;

/* Loads the rules of a locale (cached by the caller): NAME.conf, then the
 * language's file, then default.conf, each file able to "inherit" another;
 * built-in defaults when none is found. */
void check_locale_load(check_locale *rules, const char *locale,
                       const char *dir);

/* Index of an ASCII end punctuation (. ? ! : ; …), -1 if none. */
int check_punct_kind(int32_t c);

/* ---- Numbers ---------------------------------------------------------- */

typedef struct check_numbers {
  char (*items)[40];
  size_t count, cap;
} check_numbers;

/* The numbers of an English SOURCE in canonical form ("10000", "3.5",
 * "1.2.3"), skipping masked ranges and numbers glued to letters. */
void check_numbers_source(const check_inline *in, const char *text,
                          size_t len, check_numbers *out);
/* Every reading of the numbers of a TARGET in its locale. */
void check_numbers_target(const check_inline *in, const char *text,
                          size_t len, const check_locale *rules,
                          check_numbers *out);
int check_numbers_has(const check_numbers *set, const char *value);
void check_numbers_free(check_numbers *set);
/* Whether text holds a spelled-out form of a one-digit number (ICU
 * spell-out rules of the locale), as a whole word, ignoring case. */
int check_number_spelled(const char *locale, int digit, const char *text,
                         size_t len);

/* ---- Text helpers ----------------------------------------------------- */

/* Appends text in NFC with runs of white space folded into one space and
 * the ends trimmed. */
void check_normalize(const char *text, size_t len, sxs_buf *out);
/* Whether NFC leaves text as it is, known without normalizing: valid UTF-8
 * whose every code point is NFC_Quick_Check=Yes with combining class 0.
 * 0 means "maybe not" (ICU is asked then). */
int check_nfc_inert(const char *text, size_t len);
/* The same for one code point beyond ASCII. */
int check_nfc_inert_char(int32_t c);
/* Appends the case fold of text (ICU full folding). */
void check_fold(const char *text, size_t len, sxs_buf *out);
/* Finds needle in hay as whole words (boundaries are non-word chars). */
const char *check_find_word(const char *hay, size_t hay_len,
                            const char *needle, size_t needle_len);

/* ---- Glossary --------------------------------------------------------- */

typedef struct check_term {
  char *term;         /* as written */
  char *term_fold;    /* folded */
  char *translation;
  char *translation_fold;
  char *note;
  char *language;     /* target language of the entry, "" for any */
  int do_not_translate;
} check_term;

typedef struct check_glossary {
  check_term *terms;
  size_t count, cap;
} check_glossary;

int check_glossary_load(check_glossary *g, const char *path,
                        const char *locale, char *err, size_t errsize);
void check_glossary_free(check_glossary *g);

#endif
