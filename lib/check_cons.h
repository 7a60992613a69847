/* Consistency over a corpus, private to libsxs: the same source translated
 * differently, and the same translation given to different sources, within
 * one target locale.
 *
 * What is kept grows with the corpus's distinct text, not with its size:
 * each text is interned once (by whichever thread meets it first), and
 * each pair costs a few bytes in the run's log: where it is (file, line,
 * column, id) and which interned texts it holds. The log goes to a
 * spool (spool.h) as it fills, so that past a few megabytes it waits in a
 * temporary file. The findings are made from the log when they are read,
 * in the log's order, which is the run's. */
#ifndef SXS_LIB_CHECK_CONS_H
#define SXS_LIB_CHECK_CONS_H

#include <stddef.h>
#include <stdint.h>

#include "sxs/sxs_buf.h"

typedef struct cons_store cons_store;

/* A pair recorded but not yet interned: its id and texts where the
 * caller keeps them, its keys copied in the log's pending keys. */
typedef struct cons_pending {
  unsigned line, column;
  const char *id;
  size_t id_len;
  const char *text[2]; /* source, target as written */
  size_t text_len[2];
  size_t key_at[2], key_len[2];
  uint64_t key_hash[2];
} cons_pending;

/* One page's pairs, recorded by the thread that checks the page. */
typedef struct cons_page_log {
  sxs_buf bytes;
  sxs_buf keys; /* the key ids of each pair's source and target */
  size_t count;
  unsigned line, column;             /* of the last pair recorded */
  unsigned first_line, first_column; /* of the first */
  char prefix[64];                   /* of the last id: ids share it */
  size_t prefix_len;
  int has_prefix;
  unsigned written_line; /* of the last pair written in bytes */
  int unordered; /* a pair before the one recorded ahead of it */
  int failed;    /* out of memory: a pair is missing */
  /* Recorded, not yet interned nor written (cons_page_intern). */
  cons_pending *pending;
  size_t pending_count, pending_cap;
  sxs_buf pending_keys;
} cons_page_log;

cons_store *cons_store_new(void);
void cons_store_free(cons_store *store);

/* Records one pair: its id, its texts as written and their keys (the forms
 * compared). The keys are copied; the id and texts must stay as they are
 * until cons_page_intern. Touches nothing but the log, so that several
 * threads may record at once, each in a log of its own. Returns -1 when
 * out of memory (log->failed is then set). */
int cons_record(cons_page_log *log, unsigned line, unsigned column,
                const char *id, size_t id_len, const char *source,
                size_t source_len, const char *source_key,
                size_t source_key_len, const char *target, size_t target_len,
                const char *target_key, size_t target_key_len);

/* Interns the texts of the pairs recorded since the last call and writes
 * the pairs in the log: by the thread that checks the page, once the page
 * is checked, while its texts are still there. Returns -1 when out of
 * memory (log->failed is then set). */
int cons_page_intern(cons_store *store, cons_page_log *log);

void cons_page_log_free(cons_page_log *log);

/* Appends a page's log to the run's, in the run's order (one thread at a
 * time): locale 0 is none, else the index of the page's target locale.
 * Empties the log. Returns -1 when out of memory (nothing appended). */
int cons_append(cons_store *store, cons_page_log *log, size_t file_index,
                uint32_t locale);

/* Whether the pairs of the run come in the order of their places (file,
 * line, column): their findings are then read in that order too. */
int cons_in_order(const cons_store *store);

/* Counts the variants of every source and target over the run and words
 * the reports of those with more than one; a level of 0 leaves that check
 * out. Call once, when every page is appended. Returns -1 when out of
 * memory. */
int cons_finish(cons_store *store, int source_level, int target_level);

/* The findings to be read: their number at each level (0-3). */
size_t cons_finding_count(const cons_store *store, size_t per_level[4]);

typedef struct cons_finding {
  size_t file_index;
  unsigned line, column;
  const char *id; /* each string NUL-terminated */
  int by_source;  /* 1: consistency-source, 0: consistency-target */
  int level;
  const char *message;
  const char *source, *target; /* the pair's texts as written */
} cons_finding;

/* Reads the findings from the log; several readers may read at once. */
typedef struct cons_reader cons_reader;
cons_reader *cons_reader_new(const cons_store *store);
/* The next finding, valid until the next call: 1, or 0 at the end, or -1
 * when out of memory. */
int cons_reader_next(cons_reader *reader, cons_finding *out);
void cons_reader_free(cons_reader *reader);

#endif
