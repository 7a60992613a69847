/* Private to the extraction writers (lib/extract*.c): the writer state they
 * share, the byte cleaning that keeps every format well-formed, and a small
 * string set for the uniqueness rules of PO and XLIFF. */
#ifndef SXS_EXTRACT_INTERNAL_H
#define SXS_EXTRACT_INTERNAL_H

#include <stddef.h>
#include <stdio.h>

#include "sxs/sxs_buf.h"
#include "sxs/sxs_extract.h"
#include "strmap.h"

#define SXS_SOURCE_LOCALE "en-US"

/* Output buffer size for the hand-escaped formats (jsonl, tsv). */
#define SXS_EXTRACT_OBUF_SIZE (1u << 16)

struct sxs_xml_state;
struct sxs_po_state;

struct sxs_extract_writer {
  sxs_format format;
  char *out_path;   /* NULL: standard output */
  char *tmp_path;   /* the temporary file renamed to out_path at the end */
  FILE *fp;         /* where the output goes */
  int failed;       /* an error happened; error holds why */
  char error[512];

  /* jsonl and tsv: bytes waiting for one fwrite. */
  char *obuf;
  size_t olen;
  /* Formatting one page into memory (sxs_extract_format_page): output and
   * warnings go to these buffers instead of the file and stderr. */
  sxs_buf *mem;
  sxs_buf *mem_warnings;

  /* Reused between pairs so that writing a pair allocates nothing. */
  sxs_buf scratch;
  sxs_buf scratch2;

  unsigned long pages;
  unsigned long pairs;
  unsigned long replaced; /* bytes replaced with U+FFFD, all pages */

  struct sxs_xml_state *xml;
  struct sxs_po_state *po;
  int inline_codes; /* XLIFF: markup as inline codes (extract_codes.c) */
};

/* Records the first error; later ones are dropped (the first says why). */
void sxs_extract_fail(sxs_extract_writer *w, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Length of the well-formed UTF-8 sequence (RFC 3629: no overlongs, no
 * surrogates, nothing above U+10FFFF) starting at p, or 0 when the byte at
 * p does not start one. n > 0. */
size_t sxs_utf8_sequence_length(const unsigned char *p, size_t n);

enum {
  /* Also replace what XML 1.0 forbids (C0 controls but tab, LF and CR;
   * U+FFFE, U+FFFF) and NUL, which no C string can carry. */
  SXS_CLEAN_XML = 1
};

/* Appends s[0..n) to out with each byte that is not part of well-formed
 * UTF-8 (and, with SXS_CLEAN_XML, each forbidden character) replaced by
 * U+FFFD, then a NUL that is not counted in out->len. Returns the number
 * of replacements, or (size_t)-1 when memory ran out. */
size_t sxs_extract_clean(const char *s, size_t n, int flags, sxs_buf *out);

/* Prints the warning for replaced bytes in one pair (or the file name when
 * pair is NULL) and counts them. */
void sxs_extract_warn_replaced(sxs_extract_writer *w, const char *file,
                               const char *id, unsigned line,
                               unsigned column, size_t count);

/* A set of byte strings, keys copied: the string map with no values. */
typedef struct sxs_strset {
  sxs_strmap map;
} sxs_strset;

/* Adds key; returns 1 if added, 0 if it was there, -1 when out of memory. */
int sxs_strset_add(sxs_strset *set, const char *key, size_t len);
int sxs_strset_contains(const sxs_strset *set, const char *key, size_t len);
void sxs_strset_clear(sxs_strset *set);
void sxs_strset_free(sxs_strset *set);

/* Where the search for a free "KEY#N" resumes, by base key: N values below
 * it are known to be taken, so that a key repeated k times costs k tries,
 * not k squared. sxs_suffix_next returns first for a base not seen;
 * sxs_suffix_save returns -1 when out of memory. */
unsigned long sxs_suffix_next(const sxs_strmap *next, const char *base,
                              size_t len, unsigned long first);
int sxs_suffix_save(sxs_strmap *next, const char *base, size_t len,
                    unsigned long n);

/* Per-format parts, in lib/extract_xml.c and lib/extract_po.c. */
int sxs_xml_begin(sxs_extract_writer *w);
int sxs_xml_add_page(sxs_extract_writer *w, const char *file,
                     const sxs_page *page);
int sxs_xml_finish(sxs_extract_writer *w);
void sxs_xml_free(sxs_extract_writer *w);

int sxs_po_begin(sxs_extract_writer *w);
int sxs_po_add_page(sxs_extract_writer *w, const char *file,
                    const sxs_page *page);
/* Writes the catalog to w->fp. */
int sxs_po_finish(sxs_extract_writer *w);
void sxs_po_free(sxs_extract_writer *w);

/* ---- XLIFF inline codes (extract_codes.c) ---- */

typedef enum sxs_code_kind {
  SXS_CODE_TEXT, /* bytes that stay text */
  SXS_CODE_PH,   /* a code standing alone: <ph dataRef> */
  SXS_CODE_OPEN, /* the opening markup of a <pc> */
  SXS_CODE_CLOSE /* its closing markup */
} sxs_code_kind;

typedef struct sxs_code_token {
  sxs_code_kind kind;
  size_t start, end; /* its bytes in the text */
  unsigned id;       /* codes: the id in the unit (a <pc>'s two share it) */
  unsigned data;     /* PH: its data; OPEN, CLOSE: the opening markup's */
  unsigned data_end; /* OPEN, CLOSE: the closing markup's data */
} sxs_code_token;

typedef struct sxs_code_text {
  sxs_code_token *tokens;
  size_t count, cap;
} sxs_code_text;

typedef struct sxs_code_data {
  const char *text; /* in the SOURCE or TARGET given */
  size_t len;
} sxs_code_data;

/* One unit's codes: its source and target as tokens, and the distinct
 * markup they stand for (its <originalData>). Reused from unit to unit. */
typedef struct sxs_unit_codes {
  sxs_code_text source, target;
  sxs_code_data *data;
  size_t data_count, data_cap;
  struct check_inline *scan; /* the tokenizer's result, reused */
} sxs_unit_codes;

/* Returns 0, or -1 when memory runs out. */
int sxs_unit_codes_build(sxs_unit_codes *uc, const char *source,
                         size_t source_len, const char *target,
                         size_t target_len);
void sxs_unit_codes_free(sxs_unit_codes *uc);

#endif
