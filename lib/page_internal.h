/* Internal to libsxs: the page object and the stages that fill it
 * (front matter, block structure, inline scan of pairs). */
#ifndef SXS_PAGE_INTERNAL_H
#define SXS_PAGE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "sxs/sxs_page.h"

/* Sixteen bytes tested at once, with the vector extension of GCC and Clang
 * (SSE2 on x86-64, NEON on ARM): the byte loops that find markup in text
 * run at a few instructions per 16 bytes. Comparisons give 0xFF bytes for
 * true, 0 for false. Loads use memcpy and never reach past the buffer. */
typedef unsigned char sxs_bytes16 __attribute__((vector_size(16)));
typedef signed char sxs_signed_bytes16 __attribute__((vector_size(16)));

static inline sxs_bytes16 sxs_load16(const char *p) {
  sxs_bytes16 v;
  memcpy(&v, p, sizeof v);
  return v;
}

/* Nonzero when a byte of the comparison result m is true. */
static inline uint64_t sxs_any16(sxs_bytes16 m) {
  uint64_t half[2];
  memcpy(half, &m, sizeof half);
  return half[0] | half[1];
}

/* The index of the first true byte of m, which must hold one. */
static inline unsigned sxs_first16(sxs_bytes16 m) {
  uint64_t half[2];
  memcpy(half, &m, sizeof half);
  unsigned base = half[0] ? 0 : 8;
  uint64_t h = half[0] ? half[0] : half[1];
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  return base + (unsigned)__builtin_clzll(h) / 8;
#else
  return base + (unsigned)__builtin_ctzll(h) / 8;
#endif
}

/* A leaf block whose inline content may hold pairs: found by the block
 * scanner, scanned for pairs once the whole page's blocks (and link
 * reference definitions) are known. */
typedef struct sxs_leaf_block {
  size_t start;        /* first content byte */
  size_t end;          /* end of content (before the final line ending) */
  size_t line_start;   /* offset where start's line begins */
  unsigned line;       /* line number of start */
  sxs_context context; /* leaf kind, heading level, containers */
} sxs_leaf_block;

struct sxs_page {
  char *data;
  size_t len;

  sxs_pair *pairs;
  size_t pair_count, pair_cap;

  sxs_diag *diags;
  size_t diag_count, diag_cap, error_count;

  sxs_leaf_block *leaves;
  size_t leaf_count, leaf_cap;

  /* Link reference definition labels (normalized), for reference links. */
  char **ref_labels;
  size_t ref_count, ref_cap;

  /* Front matter: keys and values in document order. */
  char **meta_keys;
  char **meta_values;
  size_t meta_count, meta_cap;
  sxs_range front_matter;
  size_t body_start; /* first byte after BOM and front matter */

  /* Line index, built on first need. */
  size_t *line_starts;
  size_t line_count;

  /* Every byte was checked and is well-formed UTF-8. */
  int valid_utf8;
};

/* Adds a diagnostic at offset; line and column are computed later. */
void sxs_page_add_diag(sxs_page *page, size_t offset, sxs_severity severity,
                       const char *code, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* Same, with the position already known. */
void sxs_page_add_diag_at(sxs_page *page, size_t offset, unsigned line,
                          unsigned column, sxs_severity severity,
                          const char *code, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));

int sxs_page_add_leaf(sxs_page *page, const sxs_leaf_block *leaf);
int sxs_page_add_ref_label(sxs_page *page, const char *label, size_t len);

/* The offset after a complete HTML open or closing tag at p (CommonMark's
 * definition), or 0. */
size_t sxs_html_tag_end(const char *s, size_t p, size_t end);

/* memmem that reads no byte past the match: sanitizer builds check the
 * whole haystack on every memmem call, which made long lines quadratic. */
const char *sxs_find_bytes(const char *hay, size_t n, const char *needle,
                           size_t m);

/* Stages, in order. */
void sxs_parse_front_matter(sxs_page *page);
void sxs_scan_blocks(sxs_page *page);
void sxs_scan_leaves(sxs_page *page);

#endif
