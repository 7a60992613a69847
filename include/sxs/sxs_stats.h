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
 * Latin-script text is counted by the same rules learnt once per locale
 * from the iterator, without running it (same counts, several times
 * faster). Opens an iterator per call: to count many texts, count pages
 * with sxs_stats_count_page. Returns (size_t)-1 when ICU fails. */
size_t sxs_count_words(const char *text, size_t len, const char *locale,
                       size_t *chars);

/* Both steps for one inline Markdown text. */
size_t sxs_count_markdown_words(const char *text, size_t len,
                                const char *locale, size_t *chars);

/* One page counted on its own: everything but the repetitions, which
 * depend on the pages before it in the run. Counting pages needs no shared
 * state, so any number of threads may count pages at once; the counts are
 * then added to the run in page order (sxs_stats_run_add), which gives the
 * same repetitions whatever the number of threads. */
typedef struct sxs_page_count {
  sxs_stats stats;       /* repetitions and repeated_words are 0 */
  size_t *source_words;  /* per pair, in page order */
  size_t pair_count;
} sxs_page_count;

/* Counts page into *count (overwritten). The English side is counted with
 * the "en" rules, the target side with the page's locale. Returns 0, or -1
 * when memory or ICU fails (*count is then empty). */
int sxs_stats_count_page(const sxs_page *page, sxs_page_count *count);
void sxs_page_count_free(sxs_page_count *count);

typedef struct sxs_stats_run sxs_stats_run;

sxs_stats_run *sxs_stats_run_new(void);

/* Adds a page counted by sxs_stats_count_page (page must be the page that
 * was counted and still alive) to the run: finds its repetitions (a SOURCE
 * already seen in the run, byte for byte) and adds it to the total.
 * *page_stats receives the page's complete counts. Returns 0, or -1 when
 * memory fails. */
int sxs_stats_run_add(sxs_stats_run *run, const sxs_page *page,
                      const sxs_page_count *count, sxs_stats *page_stats);

/* Both steps for one page, in the calling thread. */
int sxs_stats_add_page(sxs_stats_run *run, const sxs_page *page,
                       sxs_stats *page_stats);

const sxs_stats *sxs_stats_run_total(const sxs_stats_run *run);
void sxs_stats_run_free(sxs_stats_run *run);

#ifdef __cplusplus
}
#endif
#endif
