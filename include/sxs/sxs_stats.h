/* Counting: pairs, words (ICU word boundaries), characters, translation
 * state and repetitions, per page and for a whole run. */
#ifndef SXS_STATS_H
#define SXS_STATS_H

#include <stddef.h>

#include "sxs_buf.h"
#include "sxs_page.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sxs_stats {
  size_t pages;
  size_t mt_pages;        /* ms.translationtype: MT */
  size_t ht_pages;        /* ms.translationtype: HT */
  size_t pairs;
  size_t source_words;
  size_t target_words;
  size_t source_chars;    /* code points of the counted text, no spaces */
  size_t target_chars;
  size_t untranslated;    /* TARGET identical to a non-empty SOURCE */
  size_t empty;           /* TARGET empty or only white space */
  size_t repetitions;     /* pairs whose SOURCE was already seen in the run */
  size_t repeated_words;  /* source words of those pairs */
} sxs_stats;

/* The text that is counted: inline Markdown with link destinations, code
 * spans, HTML tags and comments, bare URLs and emphasis markers removed,
 * backslash escapes and character references resolved. Appended to out. */
int sxs_countable_text(const char *text, size_t len, sxs_buf *out);

/* Words of plain UTF-8 text, by ICU's word break iterator for locale: a
 * segment is a word when its rule status is not UBRK_WORD_NONE (letters,
 * numbers, kana, ideographs; Japanese and Chinese by ICU's dictionary).
 * chars (may be NULL) receives the code points that are not white space.
 * The iterator is kept per thread and reused. Returns (size_t)-1 when ICU
 * fails. */
size_t sxs_count_words(const char *text, size_t len, const char *locale,
                       size_t *chars);

/* Both steps for one inline Markdown text. */
size_t sxs_count_markdown_words(const char *text, size_t len,
                                const char *locale, size_t *chars);

typedef struct sxs_stats_run sxs_stats_run;

sxs_stats_run *sxs_stats_run_new(void);

/* Counts one page into *page_stats (zeroed first) and into the run's total.
 * The English side is counted with the "en" rules, the target side with
 * the page's locale. Returns 0, or -1 when memory or ICU fails. */
int sxs_stats_add_page(sxs_stats_run *run, const sxs_page *page,
                       sxs_stats *page_stats);

const sxs_stats *sxs_stats_run_total(const sxs_stats_run *run);
void sxs_stats_run_free(sxs_stats_run *run);

/* Appends s as a JSON string (quotes included): ", \ and control
 * characters escaped, bytes that are not UTF-8 written as U+FFFD. */
int sxs_json_append_string(sxs_buf *out, const char *s, size_t len);

#ifdef __cplusplus
}
#endif
#endif
