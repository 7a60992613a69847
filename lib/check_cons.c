/* Consistency over a corpus: interned texts, a compact log of the run's
 * pairs, and the reports made from them (check_cons.h). */
#include "check_cons.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "check_internal.h"
#include "chunks.h"
#include "grow.h"
#include "hash.h"
#include "spool.h"

/* Texts are interned in shards, each with its own lock, so that the
 * threads checking pages seldom wait for one another. An id is the index
 * in its shard times SHARDS plus the shard. */
#define SHARD_BITS 4
#define SHARDS (1u << SHARD_BITS)
#define MAX_INDEX (UINT32_MAX >> SHARD_BITS)
#define NO_ID UINT32_MAX

typedef struct text_entry {
  uint64_t hash;
  const char *text; /* NUL-terminated, in the shard's chunks */
  uint32_t len;
  uint32_t key; /* the id of the text's key: its own for a key */
} text_entry;

/* Open addressing over the entries: a slot holds an index plus one. */
typedef struct slot_table {
  uint32_t *slots;
  size_t mask; /* slot count minus one; slots NULL when empty */
} slot_table;

/* Each shard on cache lines of its own: two threads working on two shards
 * then do not take the same line from each other. */
#define SHARD_ALIGN 128

typedef struct text_shard {
  _Alignas(SHARD_ALIGN) pthread_mutex_t lock;
  text_entry *entries;
  size_t count, cap;
  slot_table table;
  sxs_chunk *chunks;
} text_shard;

/* The run's log: pages one after the other, a page never split between
 * chunks. A page is varint(0), varint(file index), varint(locale), then
 * its pairs, each varint(1 + zigzag(line - previous line)), varint(column),
 * the source's text then the target's, and the id. A text is
 * varint(text id times 2, plus 1 when its key is another text) and then,
 * if so, varint(key id): the reader finds the pairs to report by their
 * keys without looking up every text. The id is
 * varint(flags) where bit 0 says the prefix is the previous id's, bit 1
 * that a number follows, the rest its digit count; then, for a new prefix,
 * varint(length) and its bytes, and the number. Ids like "cef83-104" thus
 * take two or three bytes. */
typedef struct log_chunk {
  size_t used, size;
  unsigned char data[];
} log_chunk;

/* Where a full chunk went in the spool. */
typedef struct log_span {
  uint64_t offset;
  size_t len;
} log_span;

/* Pairs of one locale sharing their keys: one variant of a group. */
typedef struct combo {
  uint32_t locale, source, target; /* key ids */
  uint64_t count, first;           /* pairs, and the first one's place */
} combo;

/* A group with more than one variant: what its findings say. */
typedef struct report {
  uint32_t locale, key;
  uint32_t majority; /* key id of the most frequent variant's other side */
  int tie;           /* no variant is more frequent than every other */
  char *shared;      /* the message of the pairs not singled out */
  char *tail;        /* by source: ends a departing pair's message */
  char *quoted_key;  /* by source: begins it */
} report;

typedef struct report_set {
  report *reports;
  size_t count, cap;
  slot_table table;
} report_set;

/* The combos met so far, counted as pages are appended. */
typedef struct combo_set {
  combo *combos;
  size_t count, cap;
  slot_table table;
} combo_set;

struct cons_store {
  text_shard texts[SHARDS];
  /* The run's log: each chunk goes to the spool once full (a few
   * megabytes in memory, the rest in a temporary file), so that the log
   * does not stay in memory; the chunk being filled is kept here. */
  sxs_spool log;
  log_span *spans;
  size_t span_count, span_cap;
  log_chunk *open;
  check_order order; /* of the pages appended */
  combo_set combos;
  uint64_t places; /* pairs appended */
  int combos_failed;
  /* By shard and index: which reports a text is the key of (1: a source
   * report, 2: a target report, in some locale). */
  unsigned char *reported[SHARDS];
  int source_level, target_level;
  report_set by_source, by_target;
  size_t per_level[4];
  size_t finding_count;
};

/* ---- Varints ------------------------------------------------------------ */

/* Writes v in at most ten bytes; returns how many. */
static size_t varint_to(unsigned char *out, uint64_t v) {
  size_t n = 0;
  while (v >= 0x80) {
    out[n++] = (unsigned char)(v | 0x80);
    v >>= 7;
  }
  out[n++] = (unsigned char)v;
  return n;
}

static inline uint64_t get_varint(const unsigned char **p) {
  if (**p < 0x80) return *(*p)++;
  uint64_t v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    unsigned char c = *(*p)++;
    v |= (uint64_t)(c & 0x7F) << shift;
    if (!(c & 0x80)) break;
  }
  return v;
}

/* ---- Slot tables ---------------------------------------------------------- */

/* Puts entry index in the first free slot from hash h's (room is known). */
static inline void slot_put(uint32_t *slots, size_t mask, uint64_t h,
                            size_t index) {
  size_t at = (size_t)(h >> SHARD_BITS) & mask;
  while (slots[at]) at = (at + 1) & mask;
  slots[at] = (uint32_t)index + 1;
}

/* Makes room for one more of count entries; hash_of gives an entry's hash.
 * Returns -1 when out of memory. */
static int table_grow(slot_table *t, size_t count,
                      uint64_t (*hash_of)(const void *, size_t),
                      const void *entries) {
  size_t slots = t->slots ? t->mask + 1 : 0;
  size_t n = slots ? slots * 2 : 64;
  uint32_t *grown = sxs_zeroed(n, sizeof *grown);
  if (!grown) return -1;
  for (size_t i = 0; i < count; i++)
    slot_put(grown, n - 1, hash_of(entries, i), i);
  free(t->slots);
  t->slots = grown;
  t->mask = n - 1;
  return 0;
}

static inline int table_reserve(slot_table *t, size_t count,
                                 uint64_t (*hash_of)(const void *, size_t),
                                 const void *entries) {
  if (t->slots && (count + 1) * 2 <= t->mask + 1) return 0;
  return table_grow(t, count, hash_of, entries);
}

static uint64_t text_hash_of(const void *entries, size_t i) {
  return ((const text_entry *)entries)[i].hash;
}

/* ---- Interning ------------------------------------------------------------ */

/* The id of a text in shard sh (its lock held), interned with the key
 * given (NO_ID: the text is its own key). NO_ID when out of memory. */
static uint32_t intern_locked(text_shard *sh, uint32_t shard, const char *s,
                              size_t len, uint64_t h, uint32_t key) {
  if (len > UINT32_MAX - 1) return NO_ID;
  if (sh->table.slots) {
    for (size_t at = (size_t)(h >> SHARD_BITS) & sh->table.mask;
         sh->table.slots[at]; at = (at + 1) & sh->table.mask) {
      const text_entry *e = &sh->entries[sh->table.slots[at] - 1];
      if (e->hash == h && e->len == len && memcmp(e->text, s, len) == 0)
        return (uint32_t)((sh->table.slots[at] - 1) << SHARD_BITS | shard);
    }
  }
  if (sh->count >= MAX_INDEX ||
      table_reserve(&sh->table, sh->count, text_hash_of, sh->entries) < 0)
    return NO_ID;
  text_entry *grown =
      sxs_grow(sh->entries, &sh->cap, sh->count, sizeof *grown, 256);
  if (!grown) return NO_ID;
  sh->entries = grown;
  char *copy = sxs_chunk_copy(&sh->chunks, s, len);
  if (!copy) return NO_ID;
  uint32_t index = (uint32_t)sh->count++;
  uint32_t id = index << SHARD_BITS | shard;
  sh->entries[index] =
      (text_entry){h, copy, (uint32_t)len, key == NO_ID ? id : key};
  slot_put(sh->table.slots, sh->table.mask, h, index);
  return id;
}

/* A text to intern, and where its id goes. */
typedef struct intern_request {
  const char *text;
  size_t len;
  uint64_t hash;
  uint32_t key; /* NO_ID: the text is its own key */
  uint32_t *id;
} intern_request;

/* How many requests ahead a lookup's slot, then its entry, are loaded:
 * each is a cache miss in a table of the corpus's distinct text, and
 * looked up one after the other they were most of the time spent
 * interning. */
#define SLOT_AHEAD 6
#define ENTRY_AHEAD 3

/* Interns a page's requests shard by shard, each shard's lock taken once:
 * with a lock per text, two threads took the locks' lines from each other
 * all the time, and no lookup could start before the one ahead of it had
 * ended. Returns -1 when out of memory (some ids are then NO_ID). */
static int intern_batch(cons_store *st, intern_request *req, size_t n) {
  if (!n) return 0;
  uint32_t *order = malloc(n * sizeof *order);
  if (!order) return -1;
  size_t start[SHARDS + 1] = {0}, fill[SHARDS];
  for (size_t i = 0; i < n; i++) start[(req[i].hash & (SHARDS - 1)) + 1]++;
  for (unsigned k = 0; k < SHARDS; k++) {
    start[k + 1] += start[k];
    fill[k] = start[k];
  }
  for (size_t i = 0; i < n; i++)
    order[fill[req[i].hash & (SHARDS - 1)]++] = (uint32_t)i;
  int ok = 1;
  for (uint32_t shard = 0; shard < SHARDS; shard++) {
    size_t end = start[shard + 1];
    if (start[shard] == end) continue;
    text_shard *sh = &st->texts[shard];
    pthread_mutex_lock(&sh->lock);
    for (size_t k = start[shard]; k < end; k++) {
      const slot_table *t = &sh->table;
      if (t->slots && k + SLOT_AHEAD < end)
        __builtin_prefetch(
            &t->slots[(req[order[k + SLOT_AHEAD]].hash >> SHARD_BITS) &
                      t->mask]);
      if (t->slots && k + ENTRY_AHEAD < end) {
        uint32_t slot =
            t->slots[(req[order[k + ENTRY_AHEAD]].hash >> SHARD_BITS) &
                     t->mask];
        if (slot) __builtin_prefetch(&sh->entries[slot - 1]);
      }
      intern_request *r = &req[order[k]];
      *r->id = intern_locked(sh, shard, r->text, r->len, r->hash, r->key);
      if (*r->id == NO_ID) ok = 0;
    }
    pthread_mutex_unlock(&sh->lock);
  }
  free(order);
  return ok ? 0 : -1;
}

/* After the run (one thread): entries by id. */
static const text_entry *text_at(const cons_store *st, uint32_t id) {
  return &st->texts[id & (SHARDS - 1)].entries[id >> SHARD_BITS];
}

cons_store *cons_store_new(void) {
  cons_store *st = aligned_alloc(SHARD_ALIGN, sizeof *st);
  if (!st) return NULL;
  memset(st, 0, sizeof *st);
  /* A shard is held while one page's texts in it are looked up, a few
   * microseconds: a thread that finds it taken spins a little before it
   * sleeps. (With the lock taken for each text, sleeping at once cost
   * some 350 sleeps and wake-ups of the other CPU a run on the sample
   * corpus, spinning 250; check -j 2 now sleeps about 140 times a run,
   * for every reason.) */
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
#ifdef __GLIBC__
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ADAPTIVE_NP);
#endif
  for (unsigned i = 0; i < SHARDS; i++) {
    pthread_mutex_init(&st->texts[i].lock, &attr);
  }
  pthread_mutexattr_destroy(&attr);
  return st;
}

static void report_set_free(report_set *set) {
  for (size_t i = 0; i < set->count; i++) {
    free(set->reports[i].shared);
    free(set->reports[i].tail);
    free(set->reports[i].quoted_key);
  }
  free(set->reports);
  free(set->table.slots);
}

void cons_store_free(cons_store *st) {
  if (!st) return;
  for (unsigned i = 0; i < SHARDS; i++) {
    text_shard *t = &st->texts[i];
    sxs_chunks_free(t->chunks);
    free(t->entries);
    free(t->table.slots);
    pthread_mutex_destroy(&t->lock);
  }
  free(st->open);
  free(st->spans);
  sxs_spool_free(&st->log);
  report_set_free(&st->by_source);
  report_set_free(&st->by_target);
  free(st->combos.combos);
  free(st->combos.table.slots);
  for (unsigned i = 0; i < SHARDS; i++) free(st->reported[i]);
  free(st);
}

/* ---- Recording ------------------------------------------------------------ */

/* Writes a pair's id at out (room for 32 bytes plus a new prefix); returns
 * the bytes written. */
static size_t put_id(cons_page_log *log, unsigned char *out, const char *id,
                     size_t len) {
  /* The trailing digits, at most 19 (a uint64_t holds them). */
  size_t digits = 0;
  while (digits < len && digits < 19 && id[len - 1 - digits] >= '0' &&
         id[len - 1 - digits] <= '9')
    digits++;
  size_t prefix_len = len - digits;
  int same = log->has_prefix && prefix_len == log->prefix_len &&
             memcmp(id, log->prefix, prefix_len) == 0;
  size_t n = varint_to(out, (uint64_t)same | (uint64_t)(digits > 0) << 1 |
                                (uint64_t)digits << 2);
  if (!same) {
    n += varint_to(out + n, prefix_len);
    memcpy(out + n, id, prefix_len);
    n += prefix_len;
    log->has_prefix = prefix_len <= sizeof log->prefix;
    if (log->has_prefix) {
      memcpy(log->prefix, id, prefix_len);
      log->prefix_len = prefix_len;
    }
  }
  if (digits) {
    uint64_t number = 0;
    for (size_t i = prefix_len; i < len; i++)
      number = number * 10 + (uint64_t)(id[i] - '0');
    n += varint_to(out + n, number);
  }
  return n;
}

int cons_record(cons_page_log *log, unsigned line, unsigned column,
                const char *id, size_t id_len, const char *source,
                size_t source_len, const char *source_key,
                size_t source_key_len, const char *target, size_t target_len,
                const char *target_key, size_t target_key_len) {
  cons_pending *grown = sxs_grow(log->pending, &log->pending_cap,
                                 log->pending_count, sizeof *grown, 64);
  if (!grown) {
    log->failed = 1;
    return -1;
  }
  log->pending = grown;
  cons_pending *p = &log->pending[log->pending_count];
  *p = (cons_pending){line,
                      column,
                      id ? id : "",
                      id ? id_len : 0,
                      {source, target},
                      {source_len, target_len},
                      {0, 0},
                      {source_key_len, target_key_len},
                      {sxs_hash_bytes(source_key, source_key_len),
                       sxs_hash_bytes(target_key, target_key_len)}};
  p->key_at[0] = log->pending_keys.len;
  sxs_buf_append(&log->pending_keys, source_key, source_key_len);
  p->key_at[1] = log->pending_keys.len;
  sxs_buf_append(&log->pending_keys, target_key, target_key_len);
  if (log->pending_keys.failed) {
    log->failed = 1;
    return -1;
  }
  log->pending_count++;
  if (!log->count) {
    log->first_line = line;
    log->first_column = column;
  } else if (line < log->line || (line == log->line && column < log->column)) {
    log->unordered = 1;
  }
  log->line = line;
  log->column = column;
  log->count++;
  return 0;
}

/* Writes a text's id and, when it is not its own key, its key's. */
static size_t put_text(unsigned char *out, uint32_t id, uint32_t key) {
  size_t n = varint_to(out, (uint64_t)id << 1 | (key != id));
  if (key != id) n += varint_to(out + n, key);
  return n;
}

/* Writes one interned pair in the log's bytes: s and t its texts' ids,
 * keys its keys'. */
static int write_pair(cons_page_log *log, const cons_pending *p, uint32_t s,
                      uint32_t t, const uint32_t keys[2]) {
  /* Six varints and the id's three, and a new prefix. */
  if (sxs_buf_reserve(&log->bytes, 80 + p->id_len) < 0 ||
      sxs_buf_append(&log->keys, (const char *)keys, 2 * sizeof *keys) < 0)
    return -1;
  int64_t delta = (int64_t)p->line - (int64_t)log->written_line;
  unsigned char *out = (unsigned char *)log->bytes.data + log->bytes.len;
  size_t n = varint_to(out, 1 + ((uint64_t)delta << 1 ^ (uint64_t)(delta >> 63)));
  n += varint_to(out + n, p->column);
  n += put_text(out + n, s, keys[0]);
  n += put_text(out + n, t, keys[1]);
  n += put_id(log, out + n, p->id, p->id_len);
  log->bytes.len += n;
  log->written_line = p->line;
  return 0;
}

int cons_page_intern(cons_store *st, cons_page_log *log) {
  size_t n = log->pending_count;
  if (!n) return log->failed ? -1 : 0;
  /* By pair: the source's key and text ids, then the target's. */
  uint32_t *ids = malloc(n * 4 * sizeof *ids);
  intern_request *req = malloc(n * 2 * sizeof *req);
  int ok = ids && req;
  const char *key_text = log->pending_keys.data ? log->pending_keys.data : "";
  /* The keys first: a text's entry names its key's id. */
  for (int pass = 0; ok && pass < 2; pass++) {
    size_t count = 0;
    for (size_t i = 0; i < n; i++) {
      const cons_pending *p = &log->pending[i];
      for (int side = 0; side < 2; side++) {
        uint32_t *key_id = &ids[4 * i + 2 * side];
        const char *key = key_text + p->key_at[side], *text = p->text[side];
        size_t len = p->text_len[side];
        if (pass == 0) {
          req[count++] = (intern_request){key, p->key_len[side],
                                          p->key_hash[side], NO_ID, key_id};
        } else if (len == p->key_len[side] &&
                   (len == 0 || memcmp(text, key, len) == 0)) {
          /* Most texts are their own key: its entry stands for both. */
          key_id[1] = *key_id;
        } else {
          req[count++] = (intern_request){text, len, sxs_hash_bytes(text, len),
                                          *key_id, &key_id[1]};
        }
      }
    }
    if (intern_batch(st, req, count) < 0) ok = 0;
  }
  for (size_t i = 0; ok && i < n; i++) {
    uint32_t keys[2] = {ids[4 * i], ids[4 * i + 2]};
    if (write_pair(log, &log->pending[i], ids[4 * i + 1], ids[4 * i + 3],
                   keys) < 0)
      ok = 0;
  }
  free(ids);
  free(req);
  log->pending_count = 0;
  sxs_buf_clear(&log->pending_keys);
  if (!ok) log->failed = 1;
  return ok ? 0 : -1;
}

void cons_page_log_free(cons_page_log *log) {
  sxs_buf_free(&log->bytes);
  sxs_buf_free(&log->keys);
  free(log->pending);
  sxs_buf_free(&log->pending_keys);
  memset(log, 0, sizeof *log);
}

static int64_t count_combo(combo_set *set, uint32_t locale, uint32_t source,
                           uint32_t target, uint64_t order);

/* Sends the chunk being filled to the spool and empties it. */
static int spool_chunk(cons_store *st) {
  log_chunk *c = st->open;
  log_span *grown =
      sxs_grow(st->spans, &st->span_cap, st->span_count, sizeof *grown, 64);
  if (!grown) return -1;
  st->spans = grown;
  uint64_t offset = sxs_spool_size(&st->log);
  if (sxs_spool_append(&st->log, c->data, c->used) < 0) return -1;
  st->spans[st->span_count++] = (log_span){offset, c->used};
  c->used = 0;
  return 0;
}

int cons_append(cons_store *st, cons_page_log *log, size_t file_index,
                uint32_t locale) {
  if (log->pending_count) return -1; /* cons_page_intern was not called */
  if (!log->count) {
    cons_page_log_free(log);
    return 0;
  }
  unsigned char head[30];
  size_t head_len = varint_to(head, 0);
  head_len += varint_to(head + head_len, file_index);
  head_len += varint_to(head + head_len, locale);
  size_t need = head_len + log->bytes.len;
  log_chunk *c = st->open;
  if (!c || c->size - c->used < need) {
    if (c && c->used && spool_chunk(st) < 0) return -1;
    /* A quarter of what the spool keeps in memory: 1 MB. */
    size_t size = sxs_spool_memory / 4;
    if (size < need) size = need;
    if (!c || c->size < size) {
      log_chunk *grown = realloc(c, sizeof *c + size);
      if (!grown) return -1;
      c = grown;
      c->used = 0;
      c->size = size;
      st->open = c;
    }
  }
  memcpy(c->data + c->used, head, head_len);
  memcpy(c->data + c->used + head_len, log->bytes.data, log->bytes.len);
  c->used += need;
  check_order_note(&st->order, file_index, log->first_line,
                   log->first_column, log->line, log->column);
  if (log->unordered) st->order.broken = 1;
  /* The variants are counted here, while other threads check pages, rather
   * than all at the end. */
  const uint32_t *keys = (const uint32_t *)(const void *)log->keys.data;
  for (size_t i = 0; i < log->count && !st->combos_failed; i++)
    if (count_combo(&st->combos, locale, keys[2 * i], keys[2 * i + 1],
                    st->places + i) < 0)
      st->combos_failed = 1;
  st->places += log->count;
  cons_page_log_free(log);
  return 0;
}

int cons_in_order(const cons_store *st) { return !st->order.broken; }

/* ---- Reading the log ------------------------------------------------------ */

/* Where a reader of the log is, and what it has decoded. */
typedef struct log_cursor {
  const cons_store *store;
  size_t next_span;  /* spooled chunks read so far */
  int open_read;     /* the chunk still being filled has been read */
  unsigned char *chunk; /* a spooled chunk, read back */
  size_t chunk_cap;
  sxs_spool_window *window;
  int failed; /* the spool could not be read */
  const unsigned char *p, *end;
  size_t file_index;
  uint32_t locale;
  unsigned line, column;
  uint32_t source, target;         /* text ids */
  uint32_t source_key, target_key; /* their keys' */
  const char *prefix; /* of the id, in the log */
  size_t prefix_len;
  uint64_t number; /* the id's, when digits is not 0 */
  size_t digits;
} log_cursor;

/* The pair's id, written into id. */
static const char *cursor_id(const log_cursor *lc, sxs_buf *id) {
  sxs_buf_clear(id);
  sxs_buf_append(id, lc->prefix, lc->prefix_len);
  char digits[20];
  uint64_t number = lc->number;
  for (size_t i = lc->digits; i > 0; i--) {
    digits[i - 1] = (char)('0' + number % 10);
    number /= 10;
  }
  sxs_buf_append(id, digits, lc->digits);
  return check_cstr(id);
}

static void cursor_start(log_cursor *lc, const cons_store *st) {
  memset(lc, 0, sizeof *lc);
  lc->store = st;
}

static void cursor_free(log_cursor *lc) {
  free(lc->chunk);
  free(lc->window);
}

/* Moves to the next chunk of the log: 1, or 0 at its end (or when the
 * spool cannot be read: failed is then set). */
static int cursor_next_chunk(log_cursor *lc) {
  const cons_store *st = lc->store;
  if (lc->next_span < st->span_count) {
    const log_span *span = &st->spans[lc->next_span++];
    if (span->len > lc->chunk_cap) {
      free(lc->chunk);
      lc->chunk = malloc(span->len);
      lc->chunk_cap = lc->chunk ? span->len : 0;
    }
    if (!lc->window) lc->window = calloc(1, sizeof *lc->window);
    if (!lc->chunk || !lc->window ||
        sxs_spool_read(&st->log, lc->window, span->offset, lc->chunk,
                       span->len) < 0) {
      lc->failed = 1;
      return 0;
    }
    lc->p = lc->chunk;
    lc->end = lc->chunk + span->len;
    return 1;
  }
  if (!lc->open_read && st->open) {
    lc->open_read = 1;
    lc->p = st->open->data;
    lc->end = lc->p + st->open->used;
    return 1;
  }
  return 0;
}

/* Reads what put_text wrote. */
static void get_text(const unsigned char **p, uint32_t *id, uint32_t *key) {
  uint64_t v = get_varint(p);
  *id = (uint32_t)(v >> 1);
  *key = v & 1 ? (uint32_t)get_varint(p) : *id;
}

/* The next pair of the log: 1, or 0 at the end. */
static int cursor_next(log_cursor *lc) {
  for (;;) {
    while (lc->p == lc->end)
      if (!cursor_next_chunk(lc)) return 0;
    uint64_t tag = get_varint(&lc->p);
    if (tag == 0) {
      lc->file_index = (size_t)get_varint(&lc->p);
      lc->locale = (uint32_t)get_varint(&lc->p);
      lc->line = 0;
      lc->prefix_len = 0;
      continue;
    }
    uint64_t z = tag - 1;
    int64_t delta = (int64_t)(z >> 1) ^ -(int64_t)(z & 1);
    lc->line = (unsigned)((int64_t)lc->line + delta);
    lc->column = (unsigned)get_varint(&lc->p);
    get_text(&lc->p, &lc->source, &lc->source_key);
    get_text(&lc->p, &lc->target, &lc->target_key);
    uint64_t flags = get_varint(&lc->p);
    if (!(flags & 1)) {
      lc->prefix_len = (size_t)get_varint(&lc->p);
      lc->prefix = (const char *)lc->p;
      lc->p += lc->prefix_len;
    }
    lc->digits = (size_t)(flags >> 2);
    lc->number = flags & 2 ? get_varint(&lc->p) : 0;
    return 1;
  }
}

static uint64_t combo_hash(uint32_t locale, uint32_t source, uint32_t target) {
  return sxs_hash_mix(((uint64_t)source << 32 | target) ^
                      (uint64_t)locale * 0x9E3779B97F4A7C15ULL);
}

static uint64_t combo_hash_of(const void *entries, size_t i) {
  const combo *c = &((const combo *)entries)[i];
  return combo_hash(c->locale, c->source, c->target);
}

/* Counts one more pair of a combo, adding it if new; returns its index, or
 * -1 when out of memory. */
static int64_t count_combo(combo_set *set, uint32_t locale, uint32_t source,
                           uint32_t target, uint64_t order) {
  uint64_t h = combo_hash(locale, source, target);
  if (set->table.slots)
    for (size_t at = (size_t)(h >> SHARD_BITS) & set->table.mask;
         set->table.slots[at]; at = (at + 1) & set->table.mask) {
      combo *c = &set->combos[set->table.slots[at] - 1];
      if (c->locale == locale && c->source == source && c->target == target) {
        c->count++;
        return (int64_t)set->table.slots[at] - 1;
      }
    }
  if (set->count >= UINT32_MAX - 1 ||
      table_reserve(&set->table, set->count, combo_hash_of, set->combos) < 0)
    return -1;
  combo *grown =
      sxs_grow(set->combos, &set->cap, set->count, sizeof *grown, 1024);
  if (!grown) return -1;
  set->combos = grown;
  set->combos[set->count] = (combo){locale, source, target, 1, order};
  slot_put(set->table.slots, set->table.mask, h, set->count);
  return (int64_t)set->count++;
}

static _Thread_local const combo *sorting_combos;

static int combo_cmp_source(const void *a, const void *b) {
  const combo *x = &sorting_combos[*(const uint32_t *)a];
  const combo *y = &sorting_combos[*(const uint32_t *)b];
  if (x->locale != y->locale) return x->locale < y->locale ? -1 : 1;
  if (x->source != y->source) return x->source < y->source ? -1 : 1;
  return x->target < y->target ? -1 : x->target > y->target;
}

static int combo_cmp_target(const void *a, const void *b) {
  const combo *x = &sorting_combos[*(const uint32_t *)a];
  const combo *y = &sorting_combos[*(const uint32_t *)b];
  if (x->locale != y->locale) return x->locale < y->locale ? -1 : 1;
  if (x->target != y->target) return x->target < y->target ? -1 : 1;
  return x->source < y->source ? -1 : x->source > y->source;
}

/* ---- Reports ------------------------------------------------------------ */

static uint64_t report_hash(uint32_t locale, uint32_t key) {
  return sxs_hash_mix((uint64_t)locale << 32 | key);
}

static uint64_t report_hash_of(const void *entries, size_t i) {
  const report *r = &((const report *)entries)[i];
  return report_hash(r->locale, r->key);
}

static const report *find_report(const report_set *set, uint32_t locale,
                                 uint32_t key) {
  if (!set->table.slots) return NULL;
  uint64_t h = report_hash(locale, key);
  for (size_t at = (size_t)(h >> SHARD_BITS) & set->table.mask;
       set->table.slots[at]; at = (at + 1) & set->table.mask) {
    const report *r = &set->reports[set->table.slots[at] - 1];
    if (r->locale == locale && r->key == key) return r;
  }
  return NULL;
}

static report *add_report(report_set *set, uint32_t locale, uint32_t key) {
  if (table_reserve(&set->table, set->count, report_hash_of, set->reports) <
      0)
    return NULL;
  report *grown =
      sxs_grow(set->reports, &set->cap, set->count, sizeof *grown, 64);
  if (!grown) return NULL;
  set->reports = grown;
  report *r = &set->reports[set->count];
  memset(r, 0, sizeof *r);
  r->locale = locale;
  r->key = key;
  slot_put(set->table.slots, set->table.mask, report_hash(locale, key),
           set->count++);
  return r;
}

/* One variant of a group: the other side's key and how often. */
typedef struct variant {
  const text_entry *text;
  uint64_t fnv;
  uint64_t count, first;
  uint32_t id;
} variant;

/* The order in which the report lists variants of equal frequency: by
 * FNV-1a of their text, then the text. */
static int variant_cmp(const void *a, const void *b) {
  const variant *x = a, *y = b;
  if (x->fnv != y->fnv) return x->fnv < y->fnv ? -1 : 1;
  size_t n = x->text->len < y->text->len ? x->text->len : y->text->len;
  int r = memcmp(x->text->text, y->text->text, n);
  if (r) return r;
  return x->text->len < y->text->len ? -1 : x->text->len > y->text->len;
}

static char *take_cstr(sxs_buf *b) {
  check_cstr(b);
  char *s = b->data;
  *b = (sxs_buf)SXS_BUF_INIT;
  return s;
}

/* Words the report of one group: the combos group[0..n) share their key
 * (by_source: the source). Counts its findings. Returns -1 when out of
 * memory. */
static int make_report(cons_store *st, const combo *combos,
                       const uint32_t *group, size_t n, int by_source,
                       variant *vars) {
  const combo *first = &combos[group[0]];
  uint64_t pairs = 0;
  for (size_t i = 0; i < n; i++) {
    const combo *c = &combos[group[i]];
    uint32_t other = by_source ? c->target : c->source;
    const text_entry *t = text_at(st, other);
    vars[i] = (variant){t, check_fnv1a(t->text, t->len, CHECK_FNV_SEED),
                        c->count, c->first, other};
    pairs += c->count;
  }
  qsort(vars, n, sizeof *vars, variant_cmp);
  /* Only the first sixteen in that order compete for the majority. */
  size_t nv = n < 16 ? n : 16, majority = 0;
  for (size_t v = 1; v < nv; v++)
    if (vars[v].count > vars[majority].count ||
        (vars[v].count == vars[majority].count &&
         vars[v].first < vars[majority].first))
      majority = v;
  /* By count, keeping that order among equals. */
  for (size_t a = 1; a < nv; a++)
    for (size_t b = a; b > 0 && vars[b].count > vars[b - 1].count; b--) {
      variant t = vars[b];
      vars[b] = vars[b - 1];
      vars[b - 1] = t;
      if (majority == b) majority = b - 1;
      else if (majority == b - 1) majority = b;
    }
  const variant *maj = &vars[majority];
  int tie = nv > 1 && vars[1].count == vars[0].count;
  sxs_buf list = SXS_BUF_INIT;
  char q[64];
  for (size_t v = 0; v < nv && v < 5; v++) {
    const char *text = vars[v].text->text;
    size_t len = vars[v].text->len;
    /* Long variants are quoted from a little before where they differ
     * from the most frequent one, so that the difference shows. */
    const char *m_text = vars[0].text->text;
    size_t m_len = vars[0].text->len;
    size_t from = 0;
    if (len > 50 && v > 0) {
      size_t d = 0;
      while (d < len && d < m_len && text[d] == m_text[d]) d++;
      from = d > 20 ? d - 20 : 0;
      while (from > 0 && ((unsigned char)text[from] & 0xC0) == 0x80) from--;
    }
    if (v) sxs_buf_puts(&list, ", ");
    sxs_buf_puts(&list, from ? "'…" : "'");
    sxs_buf_puts(&list, check_quote(text + from, len - from, q, sizeof q));
    sxs_buf_puts(&list, "' ");
    sxs_buf_put_size(&list, (size_t)vars[v].count);
  }
  if (n > 5) {
    sxs_buf_puts(&list, ", ");
    sxs_buf_put_size(&list, n - 5);
    sxs_buf_puts(&list, " more");
  }
  uint32_t key_id = by_source ? first->source : first->target;
  const text_entry *key = text_at(st, key_id);
  char qk[96], qm[96];
  check_quote(key->text, key->len, qk, sizeof qk);
  check_quote(maj->text->text, maj->text->len, qm, sizeof qm);
  const char *list_text = check_cstr(&list);
  sxs_buf shared = SXS_BUF_INIT, tail = SXS_BUF_INIT, head = SXS_BUF_INIT;
  sxs_buf_puts(&shared, by_source ? "source '" : "target '");
  sxs_buf_puts(&shared, qk);
  if (by_source) {
    sxs_buf_puts(&shared, "' has ");
    sxs_buf_put_size(&shared, n);
    sxs_buf_puts(&shared, " translations; this is the most frequent (");
    sxs_buf_puts(&tail, "' here; most frequent translation: '");
    sxs_buf_puts(&tail, qm);
    sxs_buf_puts(&tail, "' (");
    sxs_buf_puts(&tail, list_text);
    sxs_buf_puts(&tail, ")");
    sxs_buf_puts(&head, "source '");
    sxs_buf_puts(&head, qk);
    sxs_buf_puts(&head, "' translated as '");
  } else {
    sxs_buf_puts(&shared, "' also translates other sources (");
  }
  sxs_buf_puts(&shared, list_text);
  sxs_buf_puts(&shared, ")");
  int failed = list.failed || shared.failed || tail.failed || head.failed;
  sxs_buf_free(&list);
  report *r = failed ? NULL
                     : add_report(by_source ? &st->by_source : &st->by_target,
                                  first->locale, key_id);
  if (!r) {
    sxs_buf_free(&shared);
    sxs_buf_free(&tail);
    sxs_buf_free(&head);
    return -1;
  }
  r->majority = maj->id;
  r->tie = tie;
  st->reported[key_id & (SHARDS - 1)][key_id >> SHARD_BITS] |=
      by_source ? 1 : 2;
  r->shared = take_cstr(&shared);
  if (by_source) {
    r->tail = take_cstr(&tail);
    r->quoted_key = take_cstr(&head);
  }
  uint64_t in_majority = maj->count, departing = pairs - maj->count;
  if (by_source) {
    if (tie) {
      st->per_level[1] += (size_t)pairs;
    } else {
      st->per_level[1] += (size_t)in_majority;
      st->per_level[st->source_level] += (size_t)departing;
    }
    st->finding_count += (size_t)pairs;
  } else {
    st->per_level[1] += (size_t)departing;
    st->finding_count += (size_t)departing;
  }
  return (!r->shared || (by_source && (!r->tail || !r->quoted_key))) ? -1 : 0;
}

/* The key of a combo's group on one side, with its locale. */
static uint64_t group_of(const combo *c, int by_source) {
  return (uint64_t)c->locale << 32 | (by_source ? c->source : c->target);
}

/* The groups of one side with more than one variant, reported. Most
 * groups have one: the variants are counted by group first, and only the
 * combos of the others are sorted. */
static int report_side(cons_store *st, const combo_set *set, uint32_t *order,
                       variant *vars, int by_source) {
  size_t slots = 64;
  while (slots < set->count * 2) slots *= 2;
  uint64_t *keys = malloc(slots * sizeof *keys);
  uint32_t *counts = sxs_zeroed(slots, sizeof *counts);
  if (!keys || !counts) {
    free(keys);
    free(counts);
    return -1;
  }
  for (size_t i = 0; i < set->count; i++) {
    uint64_t g = group_of(&set->combos[i], by_source);
    size_t at = (size_t)sxs_hash_mix(g) & (slots - 1);
    while (counts[at] && keys[at] != g) at = (at + 1) & (slots - 1);
    keys[at] = g;
    counts[at]++;
  }
  size_t n = 0;
  for (size_t i = 0; i < set->count; i++) {
    uint64_t g = group_of(&set->combos[i], by_source);
    size_t at = (size_t)sxs_hash_mix(g) & (slots - 1);
    while (keys[at] != g) at = (at + 1) & (slots - 1);
    if (counts[at] > 1) order[n++] = (uint32_t)i;
  }
  free(keys);
  free(counts);
  sorting_combos = set->combos;
  qsort(order, n, sizeof *order,
        by_source ? combo_cmp_source : combo_cmp_target);
  for (size_t i = 0; i < n;) {
    uint64_t g = group_of(&set->combos[order[i]], by_source);
    size_t j = i + 1;
    while (j < n && group_of(&set->combos[order[j]], by_source) == g) j++;
    if (make_report(st, set->combos, order + i, j - i, by_source, vars) < 0)
      return -1;
    i = j;
  }
  return 0;
}

int cons_finish(cons_store *st, int source_level, int target_level) {
  st->source_level = source_level;
  st->target_level = target_level;
  if (!source_level && !target_level) return 0;
  if (st->combos_failed) return -1;
  const combo_set *set = &st->combos;
  for (unsigned i = 0; i < SHARDS; i++)
    if (st->texts[i].count &&
        !(st->reported[i] = sxs_zeroed(st->texts[i].count, 1)))
      return -1;
  uint32_t *order = malloc((set->count + 1) * sizeof *order);
  variant *vars = order ? malloc((set->count + 1) * sizeof *vars) : NULL;
  int ok = vars != NULL;
  for (int by_source = 1; ok && by_source >= 0; by_source--) {
    if (!(by_source ? source_level : target_level)) continue;
    if (report_side(st, set, order, vars, by_source) < 0) ok = 0;
  }
  free(order);
  free(vars);
  return ok ? 0 : -1;
}

size_t cons_finding_count(const cons_store *st, size_t per_level[4]) {
  if (per_level) memcpy(per_level, st->per_level, sizeof st->per_level);
  return st->finding_count;
}

/* ---- Reading the findings ------------------------------------------------ */

struct cons_reader {
  const cons_store *store;
  log_cursor cursor;
  const report *pending; /* the target report of the pair just read */
  sxs_buf message, id;
};

cons_reader *cons_reader_new(const cons_store *st) {
  cons_reader *r = calloc(1, sizeof *r);
  if (!r) return NULL;
  r->store = st;
  cursor_start(&r->cursor, st);
  return r;
}

void cons_reader_free(cons_reader *r) {
  if (!r) return;
  cursor_free(&r->cursor);
  sxs_buf_free(&r->id);
  sxs_buf_free(&r->message);
  free(r);
}

int cons_reader_next(cons_reader *r, cons_finding *out) {
  const cons_store *st = r->store;
  if (!st->by_source.count && !st->by_target.count) return 0;
  for (;;) {
    const log_cursor *lc = &r->cursor;
    if (!r->pending) {
      if (!cursor_next(&r->cursor)) return r->cursor.failed ? -1 : 0;
      /* Most pairs have neither key reported: their texts are not looked
       * at. */
      uint32_t sk = lc->source_key, tk = lc->target_key;
      if (!(st->reported[sk & (SHARDS - 1)][sk >> SHARD_BITS] & 1) &&
          !(st->reported[tk & (SHARDS - 1)][tk >> SHARD_BITS] & 2))
        continue;
    }
    *out = (cons_finding){lc->file_index,
                          lc->line,
                          lc->column,
                          NULL,
                          1,
                          1,
                          NULL,
                          text_at(st, lc->source)->text,
                          text_at(st, lc->target)->text};
    if (r->pending) {
      out->id = cursor_id(lc, &r->id);
      /* The same translation for other sources: said of the pairs whose
       * source is not the most frequent one's. */
      out->by_source = 0;
      out->message = r->pending->shared;
      r->pending = NULL;
      return 1;
    }
    const report *by_target =
        find_report(&st->by_target, lc->locale, lc->target_key);
    if (by_target && by_target->majority != lc->source_key)
      r->pending = by_target;
    const report *by_source =
        find_report(&st->by_source, lc->locale, lc->source_key);
    if (!by_source) continue;
    out->id = cursor_id(lc, &r->id);
    int in_majority = lc->target_key == by_source->majority;
    /* With a tie at the top no translation is the most frequent: the
     * variants are reported, none is singled out as departing. */
    if (!in_majority && !by_source->tie) out->level = st->source_level;
    if (in_majority) {
      out->message = by_source->shared;
      return 1;
    }
    const text_entry *key = text_at(st, lc->target_key);
    char qh[96];
    sxs_buf_clear(&r->message);
    sxs_buf_puts(&r->message, by_source->quoted_key);
    sxs_buf_puts(&r->message, check_quote(key->text, key->len, qh, sizeof qh));
    sxs_buf_puts(&r->message, by_source->tail);
    out->message = check_cstr(&r->message);
    if (r->message.failed || r->id.failed) return -1;
    return 1;
  }
}
