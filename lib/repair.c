/* sxs repair: restores pair tags whose quotes were entity-escaped.
 *
 * The damage (FORMAT.md section 5) comes from tools that escaped '"' as
 * "&quot;" from some point of a page on, so that pair tags read
 *   <span data-ttu-id=&quot;8f4b5-120&quot;>
 *   <span class=&quot;sxs-lookup&quot;>
 * or, where the region starts or ends inside the tag, one quote of the two
 * escaped. Where the escaping swallowed the tag's closing quote, the
 * "&quot;" turns up after the '>', at the start of the text.
 *
 * A candidate change is only kept when the page, once changed, parses that
 * tag as part of a pair; the others are reported as doubts. Text quotes
 * ("&quot;" inside TARGET or SOURCE) are never touched: undamaged pages
 * carry them too. */
#include "page_internal.h"
#include "sxs/sxs_repair.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "sxs/sxs_page.h"

#define LIT(s) s, sizeof(s) - 1

enum { MAX_VALUE = 64, MAX_ROUNDS = 3 };

typedef struct candidate {
  size_t offset, old_len;
  char after[MAX_VALUE + 32];
  int rejected;
  int failed; /* rejected by the current verification, applied after it */
} candidate;

typedef struct candidate_list {
  candidate *items;
  size_t count, cap;
} candidate_list;

static int starts_with(const char *s, size_t p, size_t end, const char *lit,
                       size_t n) {
  return end - p >= n && memcmp(s + p, lit, n) == 0;
}

static char *dup_range(const char *s, size_t n) {
  char *c = malloc(n + 1);
  if (!c) return NULL;
  memcpy(c, s, n);
  c[n] = '\0';
  return c;
}

static int add_doubt(sxs_repair_result *r, size_t offset, const char *msg) {
  sxs_repair_doubt *grown = sxs_grow(r->doubts, &r->doubt_cap, r->doubt_count,
                                     sizeof *grown, 16);
  if (!grown) return -1;
  r->doubts = grown;
  char *m = dup_range(msg, strlen(msg));
  if (!m) return -1;
  r->doubts[r->doubt_count++] = (sxs_repair_doubt){offset, 0, 0, m};
  return 0;
}

static candidate *add_candidate(candidate_list *l) {
  candidate *grown = sxs_grow(l->items, &l->cap, l->count, sizeof *grown, 16);
  if (!grown) return NULL;
  l->items = grown;
  candidate *c = &l->items[l->count++];
  memset(c, 0, sizeof *c);
  return c;
}

/* A value the generator could have written: printable ASCII without
 * quotes, ampersands or angle brackets. */
static int value_char(unsigned char c) {
  return c > 0x20 && c < 0x7F && c != '"' && c != '&' && c != '<' &&
         c != '>' && c != '\'';
}

/* PREFIX-NUMBER, as data-ttu-id and data-stu-id hold. */
static int plausible_id(const char *v, size_t n) {
  const char *dash = memchr(v, '-', n);
  if (!dash || dash == v || dash == v + n - 1) return 0;
  for (const char *p = v; p < dash; p++)
    if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') ||
          (*p >= 'A' && *p <= 'Z')))
      return 0;
  for (const char *p = dash + 1; p < v + n; p++)
    if (*p < '0' || *p > '9') return 0;
  return 1;
}

typedef struct tag_kind {
  const char *head; /* after "<span " */
  size_t head_len;
  int is_class;
} tag_kind;

static const tag_kind kinds[] = {{LIT("data-ttu-id="), 0},
                                 {LIT("data-stu-id="), 0},
                                 {LIT("class="), 1}};

/* Looks at the tag starting at p ("<span "). Adds a candidate when it is a
 * pair tag with escaped quotes, a doubt when it looks damaged in a way we
 * cannot be sure of. Returns where scanning goes on. */
static int look_at_tag(const char *s, size_t p, size_t len,
                       candidate_list *cands, sxs_repair_result *res) {
  size_t q = p + 6;
  const tag_kind *kind = NULL;
  for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
    if (starts_with(s, q, len, kinds[k].head, kinds[k].head_len)) {
      kind = &kinds[k];
      break;
    }
  if (!kind) return 0;
  q += kind->head_len;
  int escaped_open = 0, escaped_close = 0;
  if (starts_with(s, q, len, LIT("\""))) {
    q += 1;
  } else if (starts_with(s, q, len, LIT("&quot;"))) {
    q += 6;
    escaped_open = 1;
  } else {
    return 0;
  }
  size_t v = q;
  while (q < len && q - v <= MAX_VALUE && value_char((unsigned char)s[q])) q++;
  size_t v_end = q;
  int leaked = 0;
  if (starts_with(s, q, len, LIT("\""))) {
    q += 1;
  } else if (starts_with(s, q, len, LIT("&quot;"))) {
    q += 6;
    escaped_close = 1;
  } else if (starts_with(s, q, len, LIT(">&quot;"))) {
    /* The closing quote, escaped, ended up after the '>'. */
    leaked = 1;
  } else {
    if (escaped_open)
      return add_doubt(res, p, "entity-escaped tag whose value does not end "
                               "in a quote; left as it is");
    return 0;
  }
  if (!escaped_open && !escaped_close && !leaked) return 0;
  if (q >= len || s[q] != '>') {
    return add_doubt(res, p, "entity-escaped tag not closed by '>' after its "
                             "value; left as it is");
  }
  q++;
  if (leaked) q += 6;
  size_t n = v_end - v;
  int ok = n > 0 && n <= MAX_VALUE &&
           (kind->is_class ? (n == 10 && memcmp(s + v, "sxs-lookup", 10) == 0)
                           : plausible_id(s + v, n));
  if (!ok)
    return add_doubt(res, p,
                     kind->is_class
                         ? "entity-escaped span class that is not sxs-lookup; "
                           "left as it is"
                         : "entity-escaped pair tag whose id is not "
                           "PREFIX-NUMBER; left as it is");
  candidate *c = add_candidate(cands);
  if (!c) return -1;
  c->offset = p;
  c->old_len = q - p;
  snprintf(c->after, sizeof c->after, "<span %.*s\"%.*s\">",
           (int)kind->head_len, kind->head, (int)n, s + v);
  return 0;
}

static int build(const char *data, size_t len, const candidate_list *cands,
                 sxs_buf *out) {
  size_t at = 0;
  for (size_t i = 0; i < cands->count; i++) {
    const candidate *c = &cands->items[i];
    if (c->rejected) continue;
    sxs_buf_append(out, data + at, c->offset - at);
    sxs_buf_puts(out, c->after);
    at = c->offset + c->old_len;
  }
  sxs_buf_append(out, data + at, len - at);
  return out->failed ? -1 : 0;
}

/* Parses the changed page and rejects every candidate whose new tag is not
 * part of a pair. Returns the number rejected, or -1 (memory). */
static long verify(const char *data, size_t len, candidate_list *cands,
                   const sxs_page *orig, size_t *errors, int *lost) {
  sxs_buf tmp = SXS_BUF_INIT;
  if (build(data, len, cands, &tmp) < 0) {
    sxs_buf_free(&tmp);
    return -1;
  }
  sxs_page *page = sxs_page_parse(tmp.data ? tmp.data : "", tmp.len);
  sxs_buf_free(&tmp);
  if (!page) return -1;
  *errors = sxs_page_error_count(page);
  size_t np = sxs_page_pair_count(page);
  const sxs_pair *pairs = sxs_page_pairs(page);
  long rejected = 0;
  /* Offsets move by the length differences of the changes before. */
  long long shift = 0;
  size_t k = 0;
  for (size_t i = 0; i < cands->count; i++) {
    candidate *c = &cands->items[i];
    if (c->rejected) continue;
    size_t start = (size_t)((long long)c->offset + shift);
    size_t end = start + strlen(c->after);
    shift += (long long)strlen(c->after) - (long long)c->old_len;
    while (k < np && pairs[k].whole.end <= start) k++;
    /* The new tag must be one of the pair's own three tags, not text
     * inside its TARGET or SOURCE that merely looks like one. */
    int covered = 0;
    if (k < np && pairs[k].whole.start <= start && end <= pairs[k].whole.end) {
      const sxs_pair *pr = &pairs[k];
      size_t lookup = pr->target.end + 7; /* after the target's </span> */
      covered = (start == pr->whole.start && end == pr->target.start) ||
                (start == lookup && end < pr->source.start) ||
                (start > lookup && end == pr->source.start);
    }
    if (!covered) {
      c->failed = 1;
      rejected++;
    }
  }
  /* No pair of the damaged page may be lost: each must start where its
   * bytes moved to (offsets shift by the changes before it). */
  *lost = 0;
  size_t no = sxs_page_pair_count(orig);
  const sxs_pair *opairs = sxs_page_pairs(orig);
  shift = 0;
  size_t ci = 0;
  k = 0;
  for (size_t i = 0; i < no && !*lost; i++) {
    size_t o = opairs[i].whole.start;
    for (; ci < cands->count && cands->items[ci].offset < o; ci++)
      if (!cands->items[ci].rejected)
        shift += (long long)strlen(cands->items[ci].after) -
                 (long long)cands->items[ci].old_len;
    size_t want = (size_t)((long long)o + shift);
    while (k < np && pairs[k].whole.start < want) k++;
    if (k == np || pairs[k].whole.start != want) *lost = 1;
  }
  for (size_t i = 0; i < cands->count; i++)
    if (cands->items[i].failed) cands->items[i].rejected = 1;
  sxs_page_free(page);
  return rejected;
}

static int by_offset(const void *a, const void *b) {
  const sxs_repair_doubt *x = a, *y = b;
  return x->offset < y->offset ? -1 : x->offset > y->offset;
}

/* Line and column of each offset, offsets visited in increasing order. */
typedef struct line_counter {
  const char *s;
  size_t at, line_start;
  unsigned line;
} line_counter;

static void position(line_counter *lc, size_t off, unsigned *line,
                     unsigned *column) {
  while (lc->at < off) {
    const char *nl = memchr(lc->s + lc->at, '\n', off - lc->at);
    if (!nl) {
      lc->at = off;
      break;
    }
    lc->line++;
    lc->at = lc->line_start = (size_t)(nl - lc->s) + 1;
  }
  *line = lc->line;
  *column = (unsigned)(off - lc->line_start + 1);
}

int sxs_repair_page(const char *data, size_t len, sxs_buf *out,
                    sxs_repair_result *res) {
  candidate_list cands = {0, 0, 0};
  int rc = 0;
  for (size_t p = 0; p < len;) {
    const char *hit = sxs_find_bytes(data + p, len - p, "<span ", 6);
    if (!hit) break;
    p = (size_t)(hit - data);
    if (look_at_tag(data, p, len, &cands, res) < 0) {
      rc = -1;
      goto done;
    }
    p += 6;
  }
  if (cands.count) {
    sxs_page *orig = sxs_page_parse(data, len);
    if (!orig) {
      rc = -1;
      goto done;
    }
    size_t errors_before = sxs_page_error_count(orig);
    size_t errors_after = 0;
    int lost = 0;
    for (int round = 0; round < MAX_ROUNDS; round++) {
      long r = verify(data, len, &cands, orig, &errors_after, &lost);
      if (r < 0) {
        sxs_page_free(orig);
        rc = -1;
        goto done;
      }
      if (r == 0) break;
      if (round == MAX_ROUNDS - 1) errors_after = SIZE_MAX;
    }
    sxs_page_free(orig);
    if (lost) errors_after = SIZE_MAX;
    /* Every change must make the page better, none worse elsewhere: when
     * the repaired page has more errors than the damaged one, or lost one
     * of its pairs, the changes interact in a way we do not understand,
     * and none is made. */
    if (errors_after > errors_before)
      for (size_t i = 0; i < cands.count; i++) cands.items[i].rejected = 1;
  }
  for (size_t i = 0; i < cands.count; i++) {
    const candidate *c = &cands.items[i];
    if (c->rejected) {
      if (add_doubt(res, c->offset,
                    "restoring the quotes here would not give a well-formed "
                    "pair; left as it is") < 0) {
        rc = -1;
        goto done;
      }
      continue;
    }
    sxs_repair_change *grown = sxs_grow(res->changes, &res->change_cap,
                                        res->change_count, sizeof *grown, 16);
    if (!grown) {
      rc = -1;
      goto done;
    }
    res->changes = grown;
    char *before = dup_range(data + c->offset, c->old_len);
    char *after = dup_range(c->after, strlen(c->after));
    if (!before || !after) {
      free(before);
      free(after);
      rc = -1;
      goto done;
    }
    res->changes[res->change_count++] =
        (sxs_repair_change){c->offset, 0, 0, before, after};
  }
  if (res->doubt_count > 1)
    qsort(res->doubts, res->doubt_count, sizeof *res->doubts, by_offset);
  line_counter lc = {data, 0, 0, 1};
  for (size_t i = 0; i < res->change_count; i++)
    position(&lc, res->changes[i].offset, &res->changes[i].line,
             &res->changes[i].column);
  lc = (line_counter){data, 0, 0, 1};
  for (size_t i = 0; i < res->doubt_count; i++)
    position(&lc, res->doubts[i].offset, &res->doubts[i].line,
             &res->doubts[i].column);
  rc = build(data, len, &cands, out);
done:
  free(cands.items);
  return rc;
}

void sxs_repair_result_free(sxs_repair_result *res) {
  for (size_t i = 0; i < res->change_count; i++) {
    free(res->changes[i].before);
    free(res->changes[i].after);
  }
  for (size_t i = 0; i < res->doubt_count; i++) free(res->doubts[i].message);
  free(res->changes);
  free(res->doubts);
  memset(res, 0, sizeof *res);
}
