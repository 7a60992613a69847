/* The page object: owns the bytes, runs the stages, answers questions. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/utf8.h>

#include "grow.h"
#include "page_internal.h"

/* A damaged page can repeat one defect thousands of times; past this many
 * diagnostics of one kind the rest are summed up in one note. */
enum { MAX_ENCODING_DIAGS = 20 };

static int add_diag_raw(sxs_page *page, size_t offset, unsigned line,
                        unsigned column, sxs_severity severity,
                        const char *code, const char *fmt, va_list ap) {
  sxs_diag *grown = sxs_grow(page->diags, &page->diag_cap, page->diag_count,
                             sizeof *grown, 16);
  if (!grown) return -1;
  page->diags = grown;
  char small[512];
  vsnprintf(small, sizeof small, fmt, ap);
  char *message = strdup(small);
  if (!message) return -1;
  sxs_diag *d = &page->diags[page->diag_count++];
  d->offset = offset;
  d->line = line;
  d->column = column;
  d->severity = severity;
  d->code = code;
  d->message = message;
  if (severity == SXS_ERROR) page->error_count++;
  return 0;
}

void sxs_page_add_diag(sxs_page *page, size_t offset, sxs_severity severity,
                       const char *code, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  add_diag_raw(page, offset, 0, 0, severity, code, fmt, ap);
  va_end(ap);
}

void sxs_page_add_diag_at(sxs_page *page, size_t offset, unsigned line,
                          unsigned column, sxs_severity severity,
                          const char *code, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  add_diag_raw(page, offset, line, column, severity, code, fmt, ap);
  va_end(ap);
}

int sxs_page_add_leaf(sxs_page *page, const sxs_leaf_block *leaf) {
  sxs_leaf_block *grown = sxs_grow(page->leaves, &page->leaf_cap,
                                   page->leaf_count, sizeof *grown, 64);
  if (!grown) return -1;
  page->leaves = grown;
  page->leaves[page->leaf_count++] = *leaf;
  return 0;
}

int sxs_page_add_ref_label(sxs_page *page, const char *label, size_t len) {
  char **grown = sxs_grow(page->ref_labels, &page->ref_cap, page->ref_count,
                          sizeof *grown, 8);
  if (!grown) return -1;
  page->ref_labels = grown;
  char *copy = malloc(len + 1);
  if (!copy) return -1;
  memcpy(copy, label, len);
  copy[len] = '\0';
  page->ref_labels[page->ref_count++] = copy;
  return 0;
}

static int build_line_index(sxs_page *page) {
  if (page->line_starts) return 0;
  size_t count = 1;
  for (const char *p = page->data, *end = page->data + page->len;
       (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
    count++;
  size_t *starts = malloc(count * sizeof *starts);
  if (!starts) return -1;
  size_t i = 0;
  starts[i++] = 0;
  for (size_t off = 0; off < page->len; off++)
    if (page->data[off] == '\n') starts[i++] = off + 1;
  page->line_starts = starts;
  page->line_count = count;
  return 0;
}

void sxs_page_position(const sxs_page *cpage, size_t offset, unsigned *line,
                       unsigned *column) {
  /* The line index is a cache: building it does not change the page. */
  sxs_page *page = (sxs_page *)cpage;
  if (build_line_index(page) < 0) {
    *line = 0;
    *column = 0;
    return;
  }
  size_t lo = 0, hi = page->line_count;
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    if (page->line_starts[mid] <= offset) lo = mid;
    else hi = mid;
  }
  *line = (unsigned)(lo + 1);
  *column = (unsigned)(offset - page->line_starts[lo] + 1);
}

/* Invalid UTF-8 and NUL bytes anywhere in the page. ASCII is skipped 16
 * bytes at a time; multi-byte sequences are checked with ICU's U8_NEXT. */
static void check_encoding(sxs_page *page) {
  const unsigned char *s = (const unsigned char *)page->data;
  int32_t len = page->len > INT32_MAX ? INT32_MAX : (int32_t)page->len;
  size_t bad_utf8 = 0, nuls = 0;
  int32_t i = 0;
  while (i < len) {
    while (i + 16 <= len) {
      /* As signed bytes, NUL and the bytes from 0x80 are those below 1. */
      sxs_signed_bytes16 v =
          (sxs_signed_bytes16)sxs_load16((const char *)s + i);
      sxs_bytes16 special = (sxs_bytes16)(v < 1);
      if (sxs_any16(special)) {
        i += (int32_t)sxs_first16(special);
        break;
      }
      i += 16;
    }
    if (i >= len) break;
    if (s[i] == 0) {
      if (nuls++ < MAX_ENCODING_DIAGS)
        sxs_page_add_diag(page, (size_t)i, SXS_ERROR, "nul-byte",
                          "NUL byte in the page");
      i++;
      continue;
    }
    if (s[i] < 0x80) {
      i++;
      continue;
    }
    int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, len, c);
    if (c < 0) {
      if (bad_utf8++ < MAX_ENCODING_DIAGS)
        sxs_page_add_diag(page, (size_t)start, SXS_ERROR, "invalid-utf8",
                          "invalid UTF-8 byte 0x%02X", s[start]);
    }
  }
  page->valid_utf8 = bad_utf8 == 0 && page->len <= (size_t)INT32_MAX;
  if (page->len > (size_t)INT32_MAX)
    sxs_page_add_diag(page, (size_t)INT32_MAX, SXS_WARNING, "page-too-large",
                      "encoding checked only in the first 2 GiB");
  if (nuls > MAX_ENCODING_DIAGS)
    sxs_page_add_diag(page, 0, SXS_NOTE, "nul-byte",
                      "%zu NUL bytes in all; only the first %d are listed",
                      nuls, MAX_ENCODING_DIAGS);
  if (bad_utf8 > MAX_ENCODING_DIAGS)
    sxs_page_add_diag(page, 0, SXS_NOTE, "invalid-utf8",
                      "%zu invalid UTF-8 sequences in all; only the first "
                      "%d are listed",
                      bad_utf8, MAX_ENCODING_DIAGS);
}

static int by_offset(const void *a, const void *b) {
  const sxs_diag *x = a, *y = b;
  if (x->offset != y->offset) return x->offset < y->offset ? -1 : 1;
  /* Keep the order they were reported in: messages are distinct pointers
   * allocated in order, but that is not an order; fall back on code. */
  return strcmp(x->code, y->code);
}

static void finish_diags(sxs_page *page) {
  for (size_t i = 0; i < page->diag_count; i++) {
    sxs_diag *d = &page->diags[i];
    if (d->line == 0) sxs_page_position(page, d->offset, &d->line, &d->column);
  }
  if (page->diag_count > 1) {
    /* Stable order by offset: insertion sort when nearly sorted. */
    int sorted = 1;
    for (size_t i = 1; i < page->diag_count && sorted; i++)
      if (page->diags[i].offset < page->diags[i - 1].offset) sorted = 0;
    if (!sorted)
      qsort(page->diags, page->diag_count, sizeof *page->diags, by_offset);
  }
}

sxs_page *sxs_page_adopt(char *data, size_t len) {
  sxs_page *page = calloc(1, sizeof *page);
  if (!page) {
    free(data);
    return NULL;
  }
  page->data = data;
  page->len = len;
  check_encoding(page);
  sxs_parse_front_matter(page);
  sxs_scan_blocks(page);
  sxs_scan_leaves(page);
  finish_diags(page);
  /* The leaves are only needed while parsing. */
  free(page->leaves);
  page->leaves = NULL;
  page->leaf_count = page->leaf_cap = 0;
  return page;
}

sxs_page *sxs_page_parse(const char *data, size_t len) {
  char *copy = malloc(len + 1);
  if (!copy) return NULL;
  memcpy(copy, data, len);
  copy[len] = '\0';
  return sxs_page_adopt(copy, len);
}

void sxs_page_free(sxs_page *page) {
  if (!page) return;
  for (size_t i = 0; i < page->diag_count; i++) free(page->diags[i].message);
  for (size_t i = 0; i < page->ref_count; i++) free(page->ref_labels[i]);
  for (size_t i = 0; i < page->meta_count; i++) {
    free(page->meta_keys[i]); /* the value shares its block */
  }
  free(page->meta_keys);
  free(page->meta_values);
  free(page->ref_labels);
  free(page->diags);
  free(page->pairs);
  free(page->leaves);
  free(page->line_starts);
  free(page->data);
  free(page);
}

const char *sxs_page_data(const sxs_page *page, size_t *len) {
  if (len) *len = page->len;
  return page->data;
}

size_t sxs_page_pair_count(const sxs_page *page) { return page->pair_count; }
const sxs_pair *sxs_page_pairs(const sxs_page *page) { return page->pairs; }
size_t sxs_page_diag_count(const sxs_page *page) { return page->diag_count; }
const sxs_diag *sxs_page_diags(const sxs_page *page) { return page->diags; }
size_t sxs_page_error_count(const sxs_page *page) { return page->error_count; }

int sxs_page_is_valid_utf8(const sxs_page *page) { return page->valid_utf8; }

const char *sxs_page_meta(const sxs_page *page, const char *key) {
  for (size_t i = 0; i < page->meta_count; i++)
    if (strcmp(page->meta_keys[i], key) == 0) return page->meta_values[i];
  return NULL;
}

size_t sxs_page_meta_count(const sxs_page *page) { return page->meta_count; }

void sxs_page_meta_at(const sxs_page *page, size_t i, const char **key,
                      const char **value) {
  *key = i < page->meta_count ? page->meta_keys[i] : NULL;
  *value = i < page->meta_count ? page->meta_values[i] : NULL;
}

sxs_range sxs_page_front_matter(const sxs_page *page) {
  return page->front_matter;
}

const char *sxs_page_locale(const sxs_page *page) {
  const char *v = sxs_page_meta(page, "ms.contentlocale");
  return v ? v : "";
}

const char *sxs_page_translation_type(const sxs_page *page) {
  const char *v = sxs_page_meta(page, "ms.translationtype");
  return v ? v : "";
}
