/* The page model: a parsed SxS page keeps its original bytes and, for each
 * pair, where it sits (bytes, line and column, block context). */
#ifndef SXS_PAGE_H
#define SXS_PAGE_H

#include <stddef.h>
#include <stdint.h>

#include "sxs_diag.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A half-open byte range [start, end) into the page's bytes. */
typedef struct sxs_range {
  size_t start;
  size_t end;
} sxs_range;

/* Containers a pair can sit in, outermost first. */
typedef enum sxs_container {
  SXS_IN_LIST_ITEM = 1,
  SXS_IN_BLOCKQUOTE,
  SXS_IN_ALERT_NOTE,
  SXS_IN_ALERT_TIP,
  SXS_IN_ALERT_IMPORTANT,
  SXS_IN_ALERT_CAUTION,
  SXS_IN_ALERT_WARNING
} sxs_container;

/* The leaf block holding a pair. */
typedef enum sxs_leaf {
  SXS_LEAF_PARAGRAPH = 1,
  SXS_LEAF_HEADING,
  SXS_LEAF_TABLE_CELL,
  SXS_LEAF_HTML_BLOCK
} sxs_leaf;

/* Inline position of the pair inside its leaf block. */
typedef enum sxs_inline {
  SXS_INLINE_TEXT = 0,
  SXS_INLINE_LINK_TEXT,
  SXS_INLINE_IMAGE_ALT
} sxs_inline;

#define SXS_CONTEXT_MAX_DEPTH 8

/* Block context as CommonMark (cmark-gfm, with DocFX alerts) sees it. */
typedef struct sxs_context {
  uint8_t leaf;           /* sxs_leaf */
  uint8_t heading_level;  /* 1..6 when leaf is SXS_LEAF_HEADING, else 0 */
  uint8_t inline_kind;    /* sxs_inline */
  uint8_t depth;          /* number of containers in the path (capped) */
  uint8_t path[SXS_CONTEXT_MAX_DEPTH]; /* sxs_container, outermost first */
} sxs_context;

/* Writes the context as a short path, e.g. "list_item>paragraph",
 * "alert:note>paragraph", "heading:2", "table_cell>link_text". Returns the
 * length written (not counting the NUL); buf of 128 bytes is always enough. */
size_t sxs_context_format(const sxs_context *ctx, char *buf, size_t size);

typedef struct sxs_pair {
  sxs_range whole;   /* from "<span data-ttu-id" to the last "</span>" */
  sxs_range id;      /* the ID inside data-ttu-id="..." */
  sxs_range target;  /* TARGET, between the tags */
  sxs_range source;  /* SOURCE, between the tags */
  unsigned long number; /* NUMBER part of the id, 0 if none */
  unsigned line;     /* of whole.start, 1-based */
  unsigned column;   /* of whole.start, 1-based, in bytes */
  sxs_context context;
} sxs_pair;

typedef struct sxs_page sxs_page;

/* Parses a copy of data. Never fails for content reasons (damage becomes
 * diagnostics); returns NULL only when memory runs out. */
sxs_page *sxs_page_parse(const char *data, size_t len);

/* Parses data and takes ownership of it (it must come from malloc). */
sxs_page *sxs_page_adopt(char *data, size_t len);

void sxs_page_free(sxs_page *page);

const char *sxs_page_data(const sxs_page *page, size_t *len);
size_t sxs_page_pair_count(const sxs_page *page);
const sxs_pair *sxs_page_pairs(const sxs_page *page);
size_t sxs_page_diag_count(const sxs_page *page);
const sxs_diag *sxs_page_diags(const sxs_page *page);
/* Number of error-severity diagnostics. */
size_t sxs_page_error_count(const sxs_page *page);
/* Whether every byte of the page was checked (the first 2 GiB are) and is
 * well-formed UTF-8 (RFC 3629: what ICU's U8_NEXT accepts): text cut from
 * it at ASCII bytes needs no second check. */
int sxs_page_is_valid_utf8(const sxs_page *page);

/* 1-based line and byte column of a byte offset. */
void sxs_page_position(const sxs_page *page, size_t offset, unsigned *line,
                       unsigned *column);

/* Front matter: value of a top-level scalar key ("title",
 * "ms.contentlocale", ...), or NULL. The range of the whole front matter,
 * both "---" lines included, is given by sxs_page_front_matter. */
const char *sxs_page_meta(const sxs_page *page, const char *key);
size_t sxs_page_meta_count(const sxs_page *page);
/* i-th key and value in document order. */
void sxs_page_meta_at(const sxs_page *page, size_t i, const char **key,
                      const char **value);
sxs_range sxs_page_front_matter(const sxs_page *page);

/* The target locale (ms.contentlocale, else ""), and "MT"/"HT"/"". */
const char *sxs_page_locale(const sxs_page *page);
const char *sxs_page_translation_type(const sxs_page *page);

#ifdef __cplusplus
}
#endif
#endif
