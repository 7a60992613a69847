/* Merge: bring translations from an XLIFF 2.x, PO or TMX file back into SxS
 * pages. Matching is by (page, pair id); only TARGETs change. */
#ifndef SXS_MERGE_H
#define SXS_MERGE_H

#include <stddef.h>
#include <stdio.h>

#include "sxs_buf.h"
#include "sxs_extract.h"
#include "sxs_page.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One translation unit as the translation file gives it. Strings are NUL
 * terminated and owned by the file; lengths exclude the NUL. */
typedef struct sxs_tunit {
  const char *file;     /* the page, as named by the file (normalized) */
  const char *id;       /* the pair id, e.g. "2b74e-111" */
  const char *source;   /* NULL when the file gives none */
  size_t source_len;
  const char *target;   /* NULL: no translation (absent, empty, fuzzy) */
  size_t target_len;
  const char *lang;     /* the target language, or NULL */
  const char *problem;  /* non-NULL: why this unit cannot be used */
  unsigned line;        /* in the translation file; 0 when unknown */
  unsigned page_line;   /* line of the pair in the page, when the file
                           says (PO "#: FILE:LINE", TMX x-line); else 0 */
  int used;             /* set by merge once a page claimed the unit */
} sxs_tunit;

typedef struct sxs_tfile sxs_tfile;

/* Reads a translation file. The format comes from the content (an XML root
 * <xliff> or <tmx>; anything else is read as PO). XML is read without DTD
 * loading, entities or network. Problems with single units are kept in the
 * unit (problem) and reported by merge; a file that cannot be read at all
 * gives NULL, with "LINE:COL: reason" or the reason in err. */
sxs_tfile *sxs_tfile_read(const char *path, char *err, size_t errsize);
void sxs_tfile_free(sxs_tfile *tf);

sxs_format sxs_tfile_format(const sxs_tfile *tf);
const char *sxs_tfile_path(const sxs_tfile *tf);
size_t sxs_tfile_unit_count(const sxs_tfile *tf);
sxs_tunit *sxs_tfile_unit(sxs_tfile *tf, size_t i);

/* Whether the file has units for page path (compared after normalizing:
 * "./" and repeated "/" removed). */
int sxs_tfile_has_page(const sxs_tfile *tf, const char *path);

/* Path with "./" components and repeated "/" removed; malloc'd. */
char *sxs_normalize_path(const char *path);

typedef struct sxs_merge_counts {
  size_t updated;        /* TARGET replaced */
  size_t unchanged;      /* translation equal to the page's TARGET */
  size_t not_found;      /* unit whose page or pair id is unknown */
  size_t refused;        /* translation that would break the page, or
                            whose source differs from the page's */
  size_t source_changed; /* of refused: the unit's source is not the
                            page's SOURCE */
  size_t skipped;        /* unit without a translation */
  size_t pages_written;
  size_t pages_refused;
} sxs_merge_counts;

typedef struct sxs_merge_options {
  int force_source; /* merge a unit even when its source is not the page's */
} sxs_merge_options;

/* Merges the units of tf that name page path into page. Diagnostics are
 * printed on diag (FILE:LINE:COL: severity: message [code]). Returns 0 with
 * the new page in out (*changed set when a TARGET differs), 1 when the page
 * must stay untouched (a translation was refused as breaking it), -1 when
 * memory ran out. */
int sxs_merge_page(sxs_tfile *tf, const char *path, const sxs_page *page,
                   const sxs_merge_options *options, sxs_buf *out,
                   int *changed, sxs_merge_counts *counts, FILE *diag);

/* Reports (and counts as not found) every unit no page claimed: those of
 * pages that were not given. */
void sxs_merge_report_unused(sxs_tfile *tf, sxs_merge_counts *counts,
                             FILE *diag);

/* Why text cannot replace the TARGET old of a pair, or NULL when it can.
 * Checks: valid UTF-8 without control characters; no pair markup
 * ("data-ttu-id", "data-stu-id", "sxs-lookup"); <span> and other inline
 * HTML balanced, no stray closing tag; code spans closed; no trailing
 * backslash; no blank line, and no line break at all unless old has one.
 * *offset receives the byte offset in text of the problem. */
const char *sxs_target_problem(const char *text, size_t len, const char *old,
                               size_t old_len, size_t *offset);

#ifdef __cplusplus
}
#endif
#endif
