/* The markup of a SOURCE or TARGET as XLIFF 2 inline codes (extract
 * --inline-codes): code spans, HTML tags and autolinks become <ph>, links
 * and images <pc> around their text; every other byte stays text. The
 * codes are found by the checks' inline tokenizer (check_inline.c), so
 * extract protects what check compares. Whatever the tokenizer makes of a
 * text, the text and the codes' original data, put back in order, are its
 * bytes: merge gets the page back exactly. */
#include <stdlib.h>
#include <string.h>

#include "check_internal.h"
#include "extract_internal.h"
#include "grow.h"

/* A code found in a text: [start, end) in all; a link's text is
 * [inner_start, inner_end), between its opening and closing markup. */
typedef struct found_code {
  size_t start, end;
  size_t inner_start, inner_end;
  int paired;
} found_code;

static int found_cmp(const void *a, const void *b) {
  const found_code *x = a, *y = b;
  if (x->start != y->start) return x->start < y->start ? -1 : 1;
  /* The longer first: a link before a code that begins it. */
  return x->end > y->end ? -1 : x->end < y->end;
}

/* The codes of s, sorted; returns how many (at most `room`). */
static size_t find_codes(check_inline *in, const char *s, size_t len,
                         found_code *out, size_t room) {
  check_inline_analyze(s, len, in);
  size_t n = 0;
#define KEPT(count) ((count) < CHECK_MAX_ITEMS ? (count) : CHECK_MAX_ITEMS)
  for (size_t i = 0; i < KEPT(in->code_count) && n < room; i++)
    out[n++] = (found_code){in->codes[i].whole.start, in->codes[i].whole.end,
                            0, 0, 0};
  for (size_t i = 0; i < KEPT(in->tag_count) && n < room; i++)
    out[n++] = (found_code){in->tags[i].where.start, in->tags[i].where.end,
                            0, 0, 0};
  for (size_t i = 0; i < KEPT(in->url_count) && n < room; i++) {
    check_span u = in->urls[i];
    /* Autolinks only: a bare URL or e-mail address is text. */
    if (u.start > 0 && s[u.start - 1] == '<' && u.end < len && s[u.end] == '>')
      out[n++] = (found_code){u.start - 1, u.end + 1, 0, 0, 0};
  }
  for (size_t i = 0; i < KEPT(in->link_count) && n < room; i++) {
    const check_link *l = &in->links[i];
    size_t open = l->text.start - 1 - (l->image ? 1 : 0);
    out[n++] = (found_code){open, l->end, l->text.start, l->text.end, 1};
  }
#undef KEPT
  qsort(out, n, sizeof *out, found_cmp);
  return n;
}

static int push(sxs_code_text *t, sxs_code_token token) {
  sxs_code_token *grown =
      sxs_grow(t->tokens, &t->cap, t->count, sizeof *grown, 16);
  if (!grown) return -1;
  t->tokens = grown;
  t->tokens[t->count++] = token;
  return 0;
}

/* The data index of bytes s[start, end), added when new. */
static int data_index(sxs_unit_codes *uc, const char *s, size_t start,
                      size_t end, unsigned *index) {
  size_t len = end - start;
  for (size_t i = 0; i < uc->data_count; i++)
    if (uc->data[i].len == len && memcmp(uc->data[i].text, s + start, len) == 0) {
      *index = (unsigned)i;
      return 0;
    }
  sxs_code_data *grown =
      sxs_grow(uc->data, &uc->data_cap, uc->data_count, sizeof *grown, 8);
  if (!grown) return -1;
  uc->data = grown;
  uc->data[uc->data_count] = (sxs_code_data){s + start, len};
  *index = (unsigned)uc->data_count++;
  return 0;
}

/* Tokens of s[from, to) with the codes found[*next...] that lie inside:
 * a code that overlaps one already taken, or the edge, stays text. */
static int tokenize(sxs_unit_codes *uc, sxs_code_text *t, const char *s,
                    const found_code *found, size_t count, size_t *next,
                    size_t from, size_t to, int depth) {
  size_t pos = from;
  while (*next < count && found[*next].start < to) {
    const found_code *f = &found[(*next)++];
    if (f->start < pos || f->end > to || (f->paired && depth >= 32)) continue;
    if (pos < f->start && push(t, (sxs_code_token){SXS_CODE_TEXT, pos,
                                                    f->start, 0, 0, 0}) < 0)
      return -1;
    unsigned d1, d2 = 0;
    if (!f->paired) {
      if (data_index(uc, s, f->start, f->end, &d1) < 0 ||
          push(t, (sxs_code_token){SXS_CODE_PH, f->start, f->end, 0, d1, 0}) <
              0)
        return -1;
    } else {
      if (data_index(uc, s, f->start, f->inner_start, &d1) < 0 ||
          data_index(uc, s, f->inner_end, f->end, &d2) < 0 ||
          push(t, (sxs_code_token){SXS_CODE_OPEN, f->start, f->inner_start, 0,
                                   d1, d2}) < 0 ||
          tokenize(uc, t, s, found, count, next, f->inner_start, f->inner_end,
                   depth + 1) < 0 ||
          push(t, (sxs_code_token){SXS_CODE_CLOSE, f->inner_end, f->end, 0, d1,
                                   d2}) < 0)
        return -1;
    }
    pos = f->end;
  }
  if (pos < to &&
      push(t, (sxs_code_token){SXS_CODE_TEXT, pos, to, 0, 0, 0}) < 0)
    return -1;
  return 0;
}

static int text_codes(sxs_unit_codes *uc, sxs_code_text *t, const char *s,
                      size_t len) {
  found_code found[CHECK_MAX_ITEMS * 4];
  size_t count =
      find_codes(uc->scan, s, len, found, sizeof found / sizeof found[0]);
  size_t next = 0;
  return tokenize(uc, t, s, found, count, &next, 0, len, 0);
}

/* Ids: the source's codes 1, 2, ... in order; a target code takes the id
 * of the first source code of its kind with the same data not yet taken
 * (so a CAT tool pairs them), else one of its own after them. A <pc> is
 * its OPEN and CLOSE tokens, which share the id. */
static int number_codes(sxs_unit_codes *uc) {
  unsigned next_id = 1;
  size_t *open = malloc((uc->source.count + uc->target.count + 1) *
                        sizeof *open);
  unsigned char *taken = calloc(uc->source.count + 1, 1);
  if (!open || !taken) {
    free(open);
    free(taken);
    return -1;
  }
  size_t depth = 0;
  for (size_t i = 0; i < uc->source.count; i++) {
    sxs_code_token *k = &uc->source.tokens[i];
    if (k->kind == SXS_CODE_PH || k->kind == SXS_CODE_OPEN) {
      k->id = next_id++;
      if (k->kind == SXS_CODE_OPEN) open[depth++] = i;
    } else if (k->kind == SXS_CODE_CLOSE && depth) {
      k->id = uc->source.tokens[open[--depth]].id;
    }
  }
  depth = 0;
  for (size_t i = 0; i < uc->target.count; i++) {
    sxs_code_token *k = &uc->target.tokens[i];
    if (k->kind == SXS_CODE_CLOSE) {
      if (depth) k->id = uc->target.tokens[open[--depth]].id;
      continue;
    }
    if (k->kind == SXS_CODE_TEXT) continue;
    k->id = 0;
    for (size_t j = 0; j < uc->source.count && !k->id; j++) {
      const sxs_code_token *s = &uc->source.tokens[j];
      if (!taken[j] && s->kind == k->kind && s->data == k->data &&
          s->data_end == k->data_end) {
        taken[j] = 1;
        k->id = s->id;
      }
    }
    if (!k->id) k->id = next_id++;
    if (k->kind == SXS_CODE_OPEN) open[depth++] = i;
  }
  free(taken);
  free(open);
  return 0;
}

int sxs_unit_codes_build(sxs_unit_codes *uc, const char *source,
                         size_t source_len, const char *target,
                         size_t target_len) {
  uc->source.count = uc->target.count = uc->data_count = 0;
  if (!uc->scan && !(uc->scan = malloc(sizeof *uc->scan))) return -1;
  if (text_codes(uc, &uc->source, source, source_len) < 0 ||
      text_codes(uc, &uc->target, target, target_len) < 0)
    return -1;
  return number_codes(uc);
}

void sxs_unit_codes_free(sxs_unit_codes *uc) {
  free(uc->source.tokens);
  free(uc->target.tokens);
  free(uc->data);
  free(uc->scan);
  memset(uc, 0, sizeof *uc);
}
