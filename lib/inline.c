/* Inline scan of each leaf block: finds the pairs, tells whether each sits
 * in link text or image alt text, and reports damaged pair markup.
 *
 * A pair is, byte for byte:
 *   <span data-ttu-id="ID">TARGET</span><span class="sxs-lookup"><span
 *   data-stu-id="ID">SOURCE</span></span>
 * TARGET and SOURCE are inline Markdown: code spans (which may hold "<" and
 * "</span>") and nested balanced spans are skipped as units. Every search
 * is bounded by the leaf block and remembered, so a damaged page costs
 * linear time: no byte is searched again from an earlier start. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "grow.h"
#include "page_internal.h"

enum { MAX_OPENERS = 1024, MAX_TICK_RUN = 16 };

typedef struct opener {
  size_t first_pair; /* pairs from this index on are inside the brackets */
  size_t text_start; /* first byte after the opening bracket */
  uint8_t image;
  uint8_t active;
} opener;

/* "No occurrence of X at or after from, before limit": a failed search. */
typedef struct search_memo {
  size_t from, limit, found;
  int valid;
} search_memo;

typedef struct inline_scanner {
  sxs_page *page;
  const char *s;
  size_t end;
  int html; /* an HTML block: no Markdown code spans or links around pairs */

  /* Line counting, lazily, forward only. */
  size_t counted;
  unsigned line;
  size_t line_start;

  opener openers[MAX_OPENERS];
  size_t opener_count;
  size_t opener_overflow;

  size_t tick_fail_from[MAX_TICK_RUN + 1];
  size_t tick_fail_limit[MAX_TICK_RUN + 1];
  search_memo target_end, source_end;
  search_memo next_open_bracket, next_close_bracket;

  /* Link reference labels by hash of their normalized form, so that a page
   * with many definitions and many brackets costs linear time. */
  size_t *label_slots; /* ref label index + 1; 0 = empty */
  size_t label_slot_count;
} inline_scanner;

/* Page-wide state for ids. */
typedef struct id_state {
  char prefix[16];
  size_t prefix_len;
  int have_prefix;
  unsigned long last_number;
  int have_last;
  /* Hash set of ids seen, built only once ids stop increasing. */
  size_t *slots; /* pair index + 1; 0 = empty */
  size_t slot_count;
  size_t in_set; /* pairs [0, in_set) are in the set */
} id_state;

#define LIT(s) s, sizeof(s) - 1

static int starts_with(const char *s, size_t p, size_t end, const char *lit,
                       size_t n) {
  return end - p >= n && memcmp(s + p, lit, n) == 0;
}

static void locate(inline_scanner *is, size_t off, unsigned *line,
                   unsigned *column) {
  if (off < is->counted) {
    /* Behind the counter: the page's line index answers. */
    sxs_page_position(is->page, off, line, column);
    return;
  }
  const char *s = is->s;
  while (is->counted < off) {
    const char *nl = memchr(s + is->counted, '\n', off - is->counted);
    if (!nl) {
      is->counted = off;
      break;
    }
    is->line++;
    is->line_start = (size_t)(nl - s) + 1;
    is->counted = is->line_start;
  }
  *line = is->line;
  *column = (unsigned)(off - is->line_start + 1);
}

static void diag(inline_scanner *is, size_t off, sxs_severity sev,
                 const char *code, const char *fmt, const char *arg) {
  unsigned line, column;
  locate(is, off, &line, &column);
  sxs_page_add_diag_at(is->page, off, line, column, sev, code, fmt, arg);
}

/* memmem, but reading no byte past the match: sanitizer builds check the
 * whole haystack on every memmem call, which turns a long line of pairs
 * into quadratic time. memchr is checked only up to its hit. */
const char *sxs_find_bytes(const char *hay, size_t n, const char *needle,
                           size_t m) {
  if (m == 0) return hay;
  const char *p = hay, *end = hay + n;
  while ((size_t)(end - p) >= m) {
    const char *c = memchr(p, needle[0], (size_t)(end - p) - m + 1);
    if (!c) return NULL;
    if (memcmp(c + 1, needle + 1, m - 1) == 0) return c;
    p = c + 1;
  }
  return NULL;
}

/* Finds memmem(s[from..limit), needle) with a memo of the last answer, so
 * that repeated searches from increasing starts cost linear time. */
static size_t find_marker(inline_scanner *is, search_memo *memo, size_t from,
                          size_t limit, const char *needle, size_t n) {
  if (memo->valid && memo->limit == limit && from >= memo->from &&
      (memo->found == SIZE_MAX || from <= memo->found))
    return memo->found;
  const char *hit = from < limit
                        ? sxs_find_bytes(is->s + from, limit - from, needle, n)
                        : NULL;
  memo->valid = 1;
  memo->from = from;
  memo->limit = limit;
  memo->found = hit ? (size_t)(hit - is->s) : SIZE_MAX;
  return memo->found;
}

/* A code span opening with a run of n backticks at p: returns the offset
 * after its closing run, or 0 when the run is literal text. */
static size_t code_span_end(inline_scanner *is, size_t p, size_t n,
                            size_t limit) {
  const char *s = is->s;
  size_t key = n > MAX_TICK_RUN ? MAX_TICK_RUN : n;
  if (is->tick_fail_limit[key] == limit && p >= is->tick_fail_from[key] &&
      is->tick_fail_from[key] != SIZE_MAX && n <= MAX_TICK_RUN)
    return 0;
  size_t q = p + n;
  while (q < limit) {
    const char *t = memchr(s + q, '`', limit - q);
    if (!t) break;
    size_t r = (size_t)(t - s), run = 0;
    while (r + run < limit && s[r + run] == '`') run++;
    if (run == n) return r + run;
    q = r + run;
  }
  if (n <= MAX_TICK_RUN) {
    is->tick_fail_from[key] = p;
    is->tick_fail_limit[key] = limit;
  }
  return 0;
}

static int is_ascii_punct(unsigned char c) {
  return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) ||
         (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E);
}

/* The first '<' at or after p, before limit, when no '`' or '\\' comes
 * before it: where plain text ends at a tag. SIZE_MAX otherwise (no '<',
 * or a code span or escape to interpret first). Sets *bracket when a '['
 * or ']' comes before that end. The stretches searched for successive
 * pairs do not overlap: each ends at or before a '<' that the next pair
 * cannot start before. */
static size_t plain_text_end(const char *s, size_t p, size_t limit,
                             int *bracket) {
  while (p + 16 <= limit) {
    sxs_bytes16 v = sxs_load16(s + p);
    sxs_bytes16 stop = (sxs_bytes16)((v == '<') | (v == '`') | (v == '\\'));
    sxs_bytes16 brackets = (sxs_bytes16)((v == '[') | (v == ']'));
    if (sxs_any16(stop | brackets)) {
      if (!sxs_any16(stop)) {
        *bracket = 1;
      } else {
        size_t e = p + sxs_first16(stop);
        if (sxs_any16(brackets))
          for (; p < e; p++)
            if (s[p] == '[' || s[p] == ']') *bracket = 1;
        return s[e] == '<' ? e : SIZE_MAX;
      }
    }
    p += 16;
  }
  for (; p < limit; p++) {
    char c = s[p];
    if (c == '<') return p;
    if (c == '`' || c == '\\') return SIZE_MAX;
    if (c == '[' || c == ']') *bracket = 1;
  }
  return SIZE_MAX;
}

/* Where a pair's parts lie. */
typedef struct pair_markup {
  size_t id, id_end;     /* data-ttu-id value */
  size_t t_start, close; /* TARGET */
  size_t sid, sid_end;   /* data-stu-id value */
  size_t s_start, s_close; /* SOURCE */
  int unbalanced;        /* a span inside was left open */
  int bracket;           /* '[' or ']' from TARGET to the end of SOURCE */
} pair_markup;

enum close_result { CLOSE_FOUND, CLOSE_NONE, CLOSE_NEW_PAIR, CLOSE_LOOKUP };

/* Scans inline content from p for the "</span>" that closes the span it is
 * in, skipping code spans and nested spans. Stops early at the start of
 * another pair or at a lookup span, which mean this span was never
 * closed. */
static enum close_result find_close(inline_scanner *is, size_t p, size_t limit,
                                    size_t code_limit, size_t *at) {
  const char *s = is->s;
  size_t depth = 0;
  while (p < limit) {
    /* Most of a pair is plain text: skip it 16 bytes at a time. */
    while (p + 16 <= limit) {
      sxs_bytes16 v = sxs_load16(s + p);
      sxs_bytes16 markup = (sxs_bytes16)((v == '<') | (v == '`') | (v == '\\'));
      if (sxs_any16(markup)) {
        p += sxs_first16(markup);
        break;
      }
      p += 16;
    }
    if (p >= limit) break;
    unsigned char c = (unsigned char)s[p];
    if (c != '<' && c != '`' && c != '\\') {
      p++;
      continue;
    }
    if (c == '\\') {
      p += p + 1 < limit && is_ascii_punct((unsigned char)s[p + 1]) ? 2 : 1;
      continue;
    }
    if (c == '`') {
      size_t n = 0;
      while (p + n < limit && s[p + n] == '`') n++;
      size_t e = is->html || p + n >= code_limit
                     ? 0
                     : code_span_end(is, p, n, code_limit);
      p = e ? e : p + n;
      continue;
    }
    if (starts_with(s, p, limit, LIT("</span>"))) {
      if (depth == 0) {
        *at = p;
        return CLOSE_FOUND;
      }
      depth--;
      p += 7;
      continue;
    }
    if (starts_with(s, p, limit, LIT("<span"))) {
      if (starts_with(s, p, limit, LIT("<span data-ttu-id=")) ||
          starts_with(s, p, limit, LIT("<span data-ttu-id=&quot;"))) {
        *at = p;
        return CLOSE_NEW_PAIR;
      }
      if (starts_with(s, p, limit, LIT("<span class=\"sxs-lookup\">"))) {
        *at = p;
        return CLOSE_LOOKUP;
      }
      if (p + 5 < limit && (s[p + 5] == ' ' || s[p + 5] == '>' ||
                            s[p + 5] == '\n' || s[p + 5] == '\t')) {
        depth++;
        p += 5;
        continue;
      }
    }
    p++;
  }
  *at = limit;
  return CLOSE_NONE;
}

/* Bytes that end an attribute value in pair markup. */
static const unsigned char ends_attribute_value[256] = {
    ['"'] = 1, ['&'] = 1, ['<'] = 1, ['>'] = 1, ['\n'] = 1};

/* An attribute value in quotes, tolerating the entity-escaped quotes that
 * damaged pages carry: name="VALUE" or name=&quot;VALUE&quot;. Returns the
 * offset after the closing '>' (or 0), the value's range, and whether
 * escaped quotes were seen. */
static size_t quoted_tag(const char *s, size_t p, size_t end, const char *head,
                         size_t head_len, size_t *value, size_t *value_end,
                         int *escaped) {
  if (!starts_with(s, p, end, head, head_len)) return 0;
  p += head_len;
  if (starts_with(s, p, end, LIT("\""))) {
    p += 1;
  } else if (starts_with(s, p, end, LIT("&quot;"))) {
    p += 6;
    *escaped = 1;
  } else {
    return 0;
  }
  *value = p;
  while (p < end && !ends_attribute_value[(unsigned char)s[p]]) p++;
  *value_end = p;
  if (starts_with(s, p, end, LIT("\""))) {
    p += 1;
  } else if (starts_with(s, p, end, LIT("&quot;"))) {
    p += 6;
    *escaped = 1;
  } else {
    return 0;
  }
  if (p >= end || s[p] != '>') return 0;
  return p + 1;
}

static size_t lookup_tag(const char *s, size_t p, size_t end, int *escaped) {
  size_t v, ve;
  size_t e = quoted_tag(s, p, end, LIT("<span class="), &v, &ve, escaped);
  if (!e || ve - v != 10 || memcmp(s + v, "sxs-lookup", 10) != 0) return 0;
  return e;
}

static uint64_t hash_bytes(const char *s, size_t n) {
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
  return h;
}

static int ids_equal(const sxs_page *page, const sxs_pair *a, size_t start,
                     size_t len) {
  return a->id.end - a->id.start == len &&
         memcmp(page->data + a->id.start, page->data + start, len) == 0;
}

/* Only the first pair with an id goes in: it is the one a duplicate names,
 * and a page of one id repeated would otherwise make every probe walk past
 * all the copies (quadratic time). */
static void id_set_insert(id_state *ids, const sxs_page *page, size_t index) {
  const sxs_pair *pr = &page->pairs[index];
  size_t len = pr->id.end - pr->id.start;
  size_t mask = ids->slot_count - 1;
  size_t h = (size_t)hash_bytes(page->data + pr->id.start, len) & mask;
  while (ids->slots[h]) {
    if (ids_equal(page, &page->pairs[ids->slots[h] - 1], pr->id.start, len))
      return;
    h = (h + 1) & mask;
  }
  ids->slots[h] = index + 1;
}

/* Makes the id set hold pairs [0, count): grows it (load factor below 1/2)
 * and inserts the pairs not yet in it. */
static int id_set_sync(id_state *ids, const sxs_page *page, size_t count) {
  size_t need = count * 2 + 2;
  if (ids->slot_count < need) {
    size_t size = 64;
    while (size < need * 2) size *= 2;
    size_t *slots = calloc(size, sizeof *slots);
    if (!slots) return -1;
    free(ids->slots);
    ids->slots = slots;
    ids->slot_count = size;
    ids->in_set = 0;
  }
  for (; ids->in_set < count; ids->in_set++)
    id_set_insert(ids, page, ids->in_set);
  return 0;
}

static const sxs_pair *id_set_find(const id_state *ids, const sxs_page *page,
                                   size_t start, size_t len) {
  size_t mask = ids->slot_count - 1;
  size_t h = (size_t)hash_bytes(page->data + start, len) & mask;
  while (ids->slots[h]) {
    const sxs_pair *pr = &page->pairs[ids->slots[h] - 1];
    if (ids_equal(page, pr, start, len)) return pr;
    h = (h + 1) & mask;
  }
  return NULL;
}

/* s[a..b) as a C string in shown[64], cut to fit. */
static void show_id(char *shown, const char *s, size_t a, size_t b) {
  size_t n = b - a < 63 ? b - a : 63;
  memcpy(shown, s + a, n);
  shown[n] = '\0';
}

/* Checks the id of a new pair: its form, its prefix, its order. */
static void check_id(inline_scanner *is, id_state *ids, sxs_pair *pr) {
  const char *s = is->s;
  size_t a = pr->id.start, b = pr->id.end;
  const char *dash = memchr(s + a, '-', b - a);
  int well_formed = dash != NULL && dash > s + a && (size_t)(dash - s) + 1 < b;
  unsigned long number = 0;
  if (well_formed) {
    for (const char *p = s + a; p < dash; p++)
      if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
        well_formed = 0;
    for (const char *p = dash + 1; p < s + b; p++) {
      if (*p < '0' || *p > '9') {
        well_formed = 0;
        break;
      }
      if (number < 100000000000ul) number = number * 10 + (unsigned long)(*p - '0');
    }
  }
  pr->number = well_formed ? number : 0;
  /* The id as diagnostics show it, copied only for one. */
  char shown[64];
  if (!well_formed) {
    show_id(shown, s, a, b);
    diag(is, pr->id.start, SXS_WARNING, "bad-id",
         "pair id '%s' is not PREFIX-NUMBER (hex prefix, decimal number)",
         shown);
  } else {
    size_t plen = (size_t)(dash - (s + a));
    if (!ids->have_prefix && plen < sizeof ids->prefix) {
      memcpy(ids->prefix, s + a, plen);
      ids->prefix_len = plen;
      ids->have_prefix = 1;
    } else if (ids->have_prefix &&
               (plen != ids->prefix_len || memcmp(ids->prefix, s + a, plen))) {
      show_id(shown, s, a, b);
      diag(is, pr->id.start, SXS_WARNING, "id-prefix",
           "pair id '%s' has another prefix than the page's first pair",
           shown);
    }
  }
  int increasing = well_formed && (!ids->have_last || number > ids->last_number);
  if (!increasing || ids->slots) {
    /* Ids stopped increasing here or earlier: look for a duplicate. */
    /* The pair being checked is the last one: it is not looked up. */
    if (id_set_sync(ids, is->page, is->page->pair_count - 1) == 0) {
      const sxs_pair *dup = id_set_find(ids, is->page, a, b - a);
      show_id(shown, s, a, b);
      if (dup) {
        char where[96];
        snprintf(where, sizeof where, "%s' (first at line %u", shown,
                 dup->line);
        diag(is, pr->id.start, SXS_ERROR, "duplicate-id",
             "duplicate pair id '%s)", where);
      } else if (well_formed && ids->have_last && number <= ids->last_number) {
        diag(is, pr->id.start, SXS_WARNING, "id-order",
             "pair id '%s' does not increase on the one before", shown);
      }
    }
  }
  if (well_formed) {
    ids->last_number = number;
    ids->have_last = 1;
  }
}

static sxs_pair *new_pair(sxs_page *page) {
  sxs_pair *grown = sxs_grow(page->pairs, &page->pair_cap, page->pair_count,
                             sizeof *grown, 64);
  if (!grown) return NULL;
  page->pairs = grown;
  sxs_pair *pr = &page->pairs[page->pair_count];
  memset(pr, 0, sizeof *pr);
  return pr;
}

/* Where scanning resumes after a damaged pair whose remains start at p:
 * past the "</span></span>" that ends its lookup span, unless another pair
 * starts first (then there). One damage, one diagnostic. */
static size_t skip_damaged_pair(inline_scanner *is, size_t p) {
  size_t e = find_marker(is, &is->source_end, p, is->end,
                         LIT("</span></span>"));
  if (e == SIZE_MAX) return p;
  const char *next = sxs_find_bytes(is->s + p, e - p, "<span data-ttu-id=", 18);
  return next ? (size_t)(next - is->s) : e + 14;
}

/* The first byte c at or after from in the leaf, or SIZE_MAX. Pairs ask
 * at increasing offsets, so the memo makes each byte searched once. */
static size_t next_byte(inline_scanner *is, search_memo *memo, char c,
                        size_t from) {
  if (memo->valid && from >= memo->from &&
      (memo->found == SIZE_MAX || from <= memo->found))
    return memo->found;
  const char *hit = from < is->end ? memchr(is->s + from, c, is->end - from)
                                   : NULL;
  memo->valid = 1;
  memo->from = from;
  memo->found = hit ? (size_t)(hit - is->s) : SIZE_MAX;
  return memo->found;
}

/* Whether s[from..to) holds a bracket: only then can a pair's content
 * change which brackets around it form links. */
static int has_bracket(inline_scanner *is, size_t from, size_t to) {
  size_t open = next_byte(is, &is->next_open_bracket, '[', from);
  if (open != SIZE_MAX && open < to) return 1;
  size_t close = next_byte(is, &is->next_close_bracket, ']', from);
  return close != SIZE_MAX && close < to;
}

/* The markup of a pair whose target tag starts at p, for any damage:
 * returns 1 with *m filled when it is a pair, else 0 with *resume set
 * where scanning resumes (the damage has been reported). */
static int parse_pair_markup(inline_scanner *is, size_t p, pair_markup *m,
                             size_t *resume) {
  const char *s = is->s;
  size_t end = is->end;
  int escaped = 0;
  size_t id, id_end;
  size_t t_start = quoted_tag(s, p, end, LIT("<span data-ttu-id="), &id,
                              &id_end, &escaped);
  if (!t_start) {
    diag(is, p, SXS_ERROR, "bad-span",
         "malformed pair tag: expected <span data-ttu-id=\"ID\">%s", "");
    *resume = p + 18;
    return 0;
  }
  if (escaped) {
    /* The generator's quotes were entity-escaped: the markup is damaged
     * and the pair is not extracted; 'sxs repair' restores it. */
    diag(is, p, SXS_ERROR, "escaped-markup",
         "pair markup is entity-escaped (&quot; for \"): not extracted; "
         "'sxs repair' restores it%s", "");
    *resume = skip_damaged_pair(is, t_start);
    return 0;
  }
  /* The target ends where its lookup span begins. */
  size_t marker = find_marker(is, &is->target_end, t_start, end,
                              LIT("</span><span class=\"sxs-lookup\">"));
  size_t close;
  size_t t_limit = marker == SIZE_MAX ? end : marker + 7;
  enum close_result r = find_close(is, t_start, t_limit, t_limit, &close);
  int unbalanced = 0;
  if (r == CLOSE_LOOKUP && marker != SIZE_MAX && close == marker + 7) {
    /* A span opened inside TARGET was not closed before the lookup. */
    unbalanced = 1;
    close = marker;
  } else if (r == CLOSE_LOOKUP) {
    diag(is, p, SXS_ERROR, "unclosed-span",
         "pair target span is not closed before its sxs-lookup span%s", "");
    *resume = skip_damaged_pair(is, close);
    return 0;
  } else if (r != CLOSE_FOUND) {
    diag(is, p, SXS_ERROR, "unclosed-span",
         "pair target span is never closed%s",
         r == CLOSE_NEW_PAIR ? " before the next pair" : "");
    *resume = r == CLOSE_NEW_PAIR ? close : t_start;
    return 0;
  }
  size_t after_target = close + 7;
  int lookup_escaped = 0;
  size_t lookup_end = lookup_tag(s, after_target, end, &lookup_escaped);
  if (!lookup_end) {
    diag(is, p, SXS_ERROR, "missing-lookup",
         "pair target is not followed by its <span class=\"sxs-lookup\">%s",
         "");
    *resume = after_target;
    return 0;
  }
  if (lookup_escaped) {
    diag(is, after_target, SXS_ERROR, "escaped-markup",
         "lookup span markup is entity-escaped (&quot; for \"): pair not "
         "extracted; 'sxs repair' restores it%s", "");
    *resume = lookup_end;
    return 0;
  }
  int src_escaped = 0;
  size_t sid, sid_end;
  size_t s_start = quoted_tag(s, lookup_end, end, LIT("<span data-stu-id="),
                              &sid, &sid_end, &src_escaped);
  if (!s_start) {
    diag(is, lookup_end, SXS_ERROR, "missing-source",
         "lookup span does not hold <span data-stu-id=\"ID\">%s", "");
    *resume = lookup_end;
    return 0;
  }
  if (src_escaped) {
    diag(is, lookup_end, SXS_ERROR, "escaped-markup",
         "source span markup is entity-escaped (&quot; for \"): pair not "
         "extracted; 'sxs repair' restores it%s", "");
    *resume = s_start;
    return 0;
  }
  /* SOURCE ends in the run of "</span>" that begins at the first
   * "</span></span>"; a span nested at the end of SOURCE makes that run
   * longer than two, so the close is found by depth within the run. */
  size_t s_marker = find_marker(is, &is->source_end, s_start, end,
                                LIT("</span></span>"));
  size_t run_end = end;
  if (s_marker != SIZE_MAX) {
    run_end = s_marker;
    while (starts_with(s, run_end, end, LIT("</span>"))) run_end += 7;
  }
  size_t s_close;
  /* Spans nest by depth up to the next pair; code spans must close within
   * the first run of closing tags. */
  r = find_close(is, s_start, end, run_end, &s_close);
  if (r == CLOSE_FOUND && !starts_with(s, s_close + 7, end, LIT("</span>"))) {
    diag(is, lookup_end, SXS_ERROR, "unclosed-lookup",
         "source span closes but the sxs-lookup span around it does not%s",
         "");
    *resume = s_close + 7;
    return 0;
  }
  if (r != CLOSE_FOUND) {
    if (s_marker != SIZE_MAX && s_close >= run_end) {
      /* A span opened inside SOURCE swallowed the closing tags. */
      unbalanced = 1;
      s_close = run_end - 14;
    } else {
      diag(is, lookup_end, SXS_ERROR, "unclosed-span",
           "pair source span is never closed%s",
           r == CLOSE_NEW_PAIR ? " before the next pair" : "");
      *resume = r == CLOSE_NEW_PAIR ? s_close : s_start;
      return 0;
    }
  }
  m->id = id;
  m->id_end = id_end;
  m->t_start = t_start;
  m->close = close;
  m->sid = sid;
  m->sid_end = sid_end;
  m->s_start = s_start;
  m->s_close = s_close;
  m->unbalanced = unbalanced;
  m->bracket = has_bracket(is, t_start, s_close + 14);
  return 1;
}

/* The pair as the generator writes it, with TARGET and SOURCE plain text
 * (no tag, code span or escape) and the same id in both tags: 1 with *m
 * filled, as the general parse would fill it, else 0. Nearly every pair
 * is such, and this reads each byte once. s[p..] is "<span data-ttu-id=". */
static int parse_plain_pair(const char *s, size_t p, size_t end,
                            pair_markup *m) {
  size_t q = p + 18;
  if (q >= end || s[q] != '"') return 0;
  m->id = ++q;
  m->bracket = 0;
  for (; q < end && !ends_attribute_value[(unsigned char)s[q]]; q++)
    if (s[q] == '[' || s[q] == ']') m->bracket = 1; /* repeated as stu-id */
  m->id_end = q;
  if (end - q < 2 || s[q] != '"' || s[q + 1] != '>') return 0;
  m->t_start = q + 2;
  m->close = plain_text_end(s, m->t_start, end, &m->bracket);
  if (m->close == SIZE_MAX ||
      !starts_with(s, m->close, end,
                   LIT("</span><span class=\"sxs-lookup\"><span data-stu-id=\"")))
    return 0;
  size_t id_len = m->id_end - m->id;
  m->sid = m->close + 51;
  if (end - m->sid < id_len + 2 || memcmp(s + m->sid, s + m->id, id_len) != 0 ||
      s[m->sid + id_len] != '"' || s[m->sid + id_len + 1] != '>')
    return 0;
  m->sid_end = m->sid + id_len;
  m->s_start = m->sid_end + 2;
  m->s_close = plain_text_end(s, m->s_start, end, &m->bracket);
  if (m->s_close == SIZE_MAX ||
      !starts_with(s, m->s_close, end, LIT("</span></span>")))
    return 0;
  m->unbalanced = 0;
  return 1;
}

/* Parses the pair whose target tag starts at p. Returns where scanning
 * resumes; *bracket tells whether a pair was found with a '[' or ']' in
 * its content. */
static size_t parse_pair(inline_scanner *is, id_state *ids,
                         const sxs_leaf_block *leaf, size_t p, int *bracket) {
  const char *s = is->s;
  pair_markup m;
  *bracket = 0;
  if (!parse_plain_pair(s, p, is->end, &m)) {
    size_t resume;
    if (!parse_pair_markup(is, p, &m, &resume)) return resume;
  }
  sxs_pair *pr = new_pair(is->page);
  if (!pr) return m.s_close + 14;
  pr->whole.start = p;
  pr->whole.end = m.s_close + 14;
  pr->id.start = m.id;
  pr->id.end = m.id_end;
  pr->target.start = m.t_start;
  pr->target.end = m.close;
  pr->source.start = m.s_start;
  pr->source.end = m.s_close;
  pr->context = leaf->context;
  locate(is, p, &pr->line, &pr->column);
  is->page->pair_count++;
  if (m.unbalanced)
    diag(is, p, SXS_ERROR, "unbalanced-span",
         "a <span> inside the pair is not closed%s", "");
  size_t sid_len = m.sid_end - m.sid;
  if (sid_len != m.id_end - m.id || memcmp(s + m.sid, s + m.id, sid_len)) {
    char shown[64];
    size_t n = sid_len < sizeof shown - 1 ? sid_len : sizeof shown - 1;
    memcpy(shown, s + m.sid, n);
    shown[n] = '\0';
    diag(is, m.sid, SXS_ERROR, "id-mismatch",
         "data-stu-id '%s' differs from the pair's data-ttu-id", shown);
  }
  check_id(is, ids, pr);
  if (ids->slots) id_set_sync(ids, is->page, is->page->pair_count);
  *bracket = m.bracket;
  return pr->whole.end;
}

/* ---- links around pairs ---- */

static int normalized_label_equal(const char *a, size_t an, const char *b,
                                  size_t bn) {
  size_t i = 0, j = 0;
  for (;;) {
    while (i < an && (a[i] == ' ' || a[i] == '\t' || a[i] == '\n')) i++;
    while (j < bn && (b[j] == ' ' || b[j] == '\t' || b[j] == '\n')) j++;
    if (i == an || j == bn) return i == an && j == bn;
    size_t wi = i, wj = j;
    while (i < an && !(a[i] == ' ' || a[i] == '\t' || a[i] == '\n')) i++;
    while (j < bn && !(b[j] == ' ' || b[j] == '\t' || b[j] == '\n')) j++;
    if (i - wi != j - wj || strncasecmp(a + wi, b + wj, i - wi) != 0) return 0;
  }
}

/* Hash of a label as CommonMark compares them: runs of white space as
 * one space, none at either end, ASCII letters without case. */
static uint64_t label_hash(const char *s, size_t n) {
  uint64_t h = 1469598103934665603ull;
  int pending_space = 0, any = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == ' ' || c == '\t' || c == '\n') {
      pending_space = any;
      continue;
    }
    if (pending_space) h = (h ^ ' ') * 1099511628211ull;
    pending_space = 0;
    any = 1;
    if (c >= 'A' && c <= 'Z') c = (unsigned char)(c - 'A' + 'a');
    h = (h ^ c) * 1099511628211ull;
  }
  return h;
}

static void label_set_build(inline_scanner *is) {
  const sxs_page *page = is->page;
  if (page->ref_count == 0) return;
  size_t count = 16;
  while (count < page->ref_count * 2 + 2) count *= 2;
  is->label_slots = calloc(count, sizeof *is->label_slots);
  if (!is->label_slots) return;
  is->label_slot_count = count;
  for (size_t i = 0; i < page->ref_count; i++) {
    const char *l = page->ref_labels[i];
    size_t h = (size_t)label_hash(l, strlen(l)) & (count - 1);
    while (is->label_slots[h]) h = (h + 1) & (count - 1);
    is->label_slots[h] = i + 1;
  }
}

static int label_defined(const inline_scanner *is, const char *label,
                         size_t n) {
  const sxs_page *page = is->page;
  if (!is->label_slots) {
    /* No set (out of memory): the slow way still gives the answer. */
    for (size_t i = 0; i < page->ref_count; i++)
      if (normalized_label_equal(page->ref_labels[i],
                                 strlen(page->ref_labels[i]), label, n))
        return 1;
    return 0;
  }
  size_t mask = is->label_slot_count - 1;
  size_t h = (size_t)label_hash(label, n) & mask;
  while (is->label_slots[h]) {
    const char *l = page->ref_labels[is->label_slots[h] - 1];
    if (normalized_label_equal(l, strlen(l), label, n)) return 1;
    h = (h + 1) & mask;
  }
  return 0;
}

/* After "](": a destination, an optional title and ")". Returns the offset
 * after ")" or 0 when this is no inline link. */
static size_t inline_link_tail(const char *s, size_t p, size_t end) {
  while (p < end && (s[p] == ' ' || s[p] == '\t' || s[p] == '\n' || s[p] == '\r'))
    p++;
  if (p < end && s[p] == '<') {
    p++;
    while (p < end && s[p] != '>' && s[p] != '\n' && s[p] != '<') {
      if (s[p] == '\\') p++;
      p++;
    }
    if (p >= end || s[p] != '>') return 0;
    p++;
  } else {
    int parens = 0;
    while (p < end) {
      unsigned char c = (unsigned char)s[p];
      if (c <= 0x20) break;
      if (c == '\\' && p + 1 < end && is_ascii_punct((unsigned char)s[p + 1])) {
        p += 2;
        continue;
      }
      if (c == '(') {
        if (++parens > 32) return 0;
      } else if (c == ')') {
        if (parens == 0) break;
        parens--;
      }
      p++;
    }
    if (parens) return 0;
  }
  size_t ws = p;
  while (p < end && (s[p] == ' ' || s[p] == '\t' || s[p] == '\n' || s[p] == '\r'))
    p++;
  if (p < end && p > ws && (s[p] == '"' || s[p] == '\'' || s[p] == '(')) {
    char close = s[p] == '(' ? ')' : s[p];
    p++;
    while (p < end && s[p] != close) {
      if (s[p] == '\\') p++;
      p++;
    }
    if (p >= end) return 0;
    p++;
    while (p < end && (s[p] == ' ' || s[p] == '\t' || s[p] == '\n' || s[p] == '\r'))
      p++;
  }
  return p < end && s[p] == ')' ? p + 1 : 0;
}

/* The "]" ending the link label that starts at p (just after its "["), or
 * 0 when there is none: CommonMark ends a label at the first "]" not
 * escaped by a backslash, refuses one holding an unescaped "[", and one
 * longer than 999 characters (bytes here, the limit cmark-gfm applies). */
static size_t link_label_end(const char *s, size_t p, size_t end) {
  size_t limit = end - p > 1000 ? p + 1000 : end;
  while (p < limit) {
    if (s[p] == ']') return p;
    if (s[p] == '[') return 0;
    if (s[p] == '\\' && p + 1 < limit && is_ascii_punct((unsigned char)s[p + 1])) p++;
    p++;
  }
  return 0;
}

static int only_white_space(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r') return 0;
  return 1;
}

/* At a "]" closing the opener at the top: is this a link or image, and
 * where does it end? A following label that is defined makes a full
 * reference link; an empty or blank one, a collapsed one (the text is the
 * label); a valid label that is not defined, no link at all; anything else
 * leaves the text to be a shortcut reference. */
static size_t link_end(inline_scanner *is, size_t text_start, size_t close) {
  const char *s = is->s;
  size_t end = is->end;
  size_t p = close + 1;
  if (p < end && s[p] == '(') {
    size_t e = inline_link_tail(s, p + 1, end);
    if (e) return e;
  }
  if (is->page->ref_count == 0) return 0;
  if (p < end && s[p] == '[') {
    size_t lab = p + 1, lab_end = link_label_end(s, lab, end);
    if (lab_end) {
      if (only_white_space(s + lab, lab_end - lab)) {
        if (label_defined(is, s + text_start, close - text_start))
          return lab_end + 1;
      } else if (label_defined(is, s + lab, lab_end - lab)) {
        return lab_end + 1;
      }
      return 0;
    }
  }
  if (label_defined(is, s + text_start, close - text_start)) return p;
  return 0;
}

/* ---- the scan ---- */

static size_t autolink_or_tag_end(const char *s, size_t p, size_t end) {
  /* <scheme:...> autolink */
  size_t q = p + 1, n = 0;
  while (q < end && ((s[q] >= 'a' && s[q] <= 'z') || (s[q] >= 'A' && s[q] <= 'Z') ||
                     (s[q] >= '0' && s[q] <= '9') || s[q] == '+' || s[q] == '.' ||
                     s[q] == '-')) {
    q++;
    n++;
  }
  if (n >= 2 && n <= 32 && q < end && s[q] == ':') {
    while (q < end && s[q] != '>' && s[q] != '<' && (unsigned char)s[q] > 0x20) q++;
    if (q < end && s[q] == '>') return q + 1;
  }
  if (starts_with(s, p, end, LIT("<!--"))) {
    /* CommonMark 0.29: the text does not start with ">" or "->" and holds
     * no "--", so the first "--" must be the end. */
    size_t q = p + 4;
    if (starts_with(s, q, end, LIT(">")) || starts_with(s, q, end, LIT("->")))
      return 0;
    const char *dd = sxs_find_bytes(s + q, end - q, "--", 2);
    if (!dd || (size_t)(dd - s) + 2 >= end || dd[2] != '>') return 0;
    return (size_t)(dd - s) + 3;
  }
  return sxs_html_tag_end(s, p, end);
}

static void scan_leaf(sxs_page *page, id_state *ids, const sxs_leaf_block *leaf,
                      inline_scanner *is) {
  const char *s = page->data;
  is->end = leaf->end;
  is->html = leaf->context.leaf == SXS_LEAF_HTML_BLOCK;
  is->counted = leaf->start;
  is->line = leaf->line;
  is->line_start = leaf->line_start;
  is->opener_count = 0;
  is->opener_overflow = 0;
  for (int i = 0; i <= MAX_TICK_RUN; i++) {
    is->tick_fail_from[i] = SIZE_MAX;
    is->tick_fail_limit[i] = 0;
  }
  is->target_end.valid = 0;
  is->source_end.valid = 0;
  is->next_open_bracket.valid = 0;
  is->next_close_bracket.valid = 0;

  size_t end = leaf->end;
  size_t pair_end = 0; /* while p < pair_end, p is inside a pair's content */
  size_t p = leaf->start;
  while (p < end) {
    if (is->html) {
      const char *lt = memchr(s + p, '<', end - p);
      if (!lt) break;
      p = (size_t)(lt - s);
    } else {
      while (p + 16 <= end) {
        sxs_bytes16 v = sxs_load16(s + p);
        sxs_bytes16 markup = (sxs_bytes16)((v == '<') | (v == '`') |
                                           (v == '[') | (v == ']') |
                                           (v == '\\') | (v == '!'));
        if (sxs_any16(markup)) {
          p += sxs_first16(markup);
          break;
        }
        p += 16;
      }
      while (p < end) {
        char c = s[p];
        if (c == '<' || c == '`' || c == '[' || c == ']' || c == '\\' ||
            c == '!')
          break;
        p++;
      }
      if (p >= end) break;
    }
    char c = s[p];
    if (c == '\\') {
      p += p + 1 < end && is_ascii_punct((unsigned char)s[p + 1]) ? 2 : 1;
    } else if (c == '`') {
      size_t limit = p < pair_end ? pair_end : end;
      size_t n = 0;
      while (p + n < limit && s[p + n] == '`') n++;
      size_t e = code_span_end(is, p, n, limit);
      p = e ? e : p + n;
    } else if (c == '!' ) {
      if (p + 1 < end && s[p + 1] == '[') {
        if (is->opener_count < MAX_OPENERS)
          is->openers[is->opener_count++] =
              (opener){page->pair_count, p + 2, 1, 1};
        else
          is->opener_overflow++;
        p += 2;
      } else {
        p++;
      }
    } else if (c == '[') {
      if (is->opener_count < MAX_OPENERS)
        is->openers[is->opener_count++] =
            (opener){page->pair_count, p + 1, 0, 1};
      else
        is->opener_overflow++;
      p++;
    } else if (c == ']') {
      if (is->opener_overflow) {
        is->opener_overflow--;
        p++;
        continue;
      }
      if (is->opener_count == 0) {
        p++;
        continue;
      }
      opener o = is->openers[--is->opener_count];
      if (!o.active) {
        p++;
        continue;
      }
      /* The opener remembers where its text starts: searching back for
       * the matching bracket would cost quadratic time on nested ones. */
      size_t text_start = o.text_start;
      size_t e = link_end(is, text_start, p);
      /* A link begun inside a pair cannot run past the pair's end. */
      if (p < pair_end && e > pair_end) e = 0;
      if (!e) {
        p++;
        continue;
      }
      uint8_t kind = o.image ? SXS_INLINE_IMAGE_ALT : SXS_INLINE_LINK_TEXT;
      for (size_t i = o.first_pair; i < page->pair_count; i++)
        if (page->pairs[i].context.inline_kind == SXS_INLINE_TEXT)
          page->pairs[i].context.inline_kind = kind;
      if (!o.image)
        for (size_t i = 0; i < is->opener_count; i++)
          if (!is->openers[i].image) is->openers[i].active = 0;
      p = e;
    } else { /* '<' */
      if (p < pair_end) {
        /* The tags of the pair whose content is being scanned. */
        size_t e = sxs_html_tag_end(s, p, pair_end);
        p = e ? e : p + 1;
      } else if (starts_with(s, p, end, LIT("<span data-ttu-id="))) {
        size_t before = page->pair_count;
        int bracket;
        size_t resume = parse_pair(is, ids, leaf, p, &bracket);
        if (page->pair_count > before && !is->html && bracket) {
          /* TARGET and SOURCE are inline Markdown of the same paragraph:
           * their brackets and links count, so that a link inside the pair
           * makes the brackets around it literal, as in CommonMark. */
          pair_end = resume;
          p = page->pairs[before].target.start;
        } else {
          p = resume;
        }
      } else if (starts_with(s, p, end, LIT("<span class=\"sxs-lookup\">")) ||
                 starts_with(s, p, end, LIT("<span class=&quot;sxs-lookup&quot;>"))) {
        int esc = 0;
        size_t e = lookup_tag(s, p, end, &esc);
        diag(is, p, SXS_ERROR, esc ? "escaped-markup" : "stray-lookup",
             esc ? "entity-escaped sxs-lookup span (&quot; for \") outside "
                   "any pair%s"
                 : "sxs-lookup span outside any pair%s",
             "");
        p = e ? e : p + 1;
      } else if (starts_with(s, p, end, LIT("<span data-stu-id="))) {
        /* The inner half of a stray lookup: already reported. */
        p += 18;
      } else if (!is->html) {
        size_t e = autolink_or_tag_end(s, p, end);
        p = e ? e : p + 1;
      } else {
        p++;
      }
    }
  }
}

void sxs_scan_leaves(sxs_page *page) {
  inline_scanner *is = malloc(sizeof *is);
  if (!is) return;
  /* Everything but the opener stack, which is written before it is read:
   * zeroing it would cost more than scanning a small page. */
  memset(is, 0, offsetof(inline_scanner, openers));
  memset((char *)is + offsetof(inline_scanner, opener_count), 0,
         sizeof *is - offsetof(inline_scanner, opener_count));
  is->page = page;
  is->s = page->data;
  id_state ids;
  memset(&ids, 0, sizeof ids);
  label_set_build(is);
  for (size_t i = 0; i < page->leaf_count; i++)
    scan_leaf(page, &ids, &page->leaves[i], is);
  free(ids.slots);
  free(is->label_slots);
  free(is);
}
