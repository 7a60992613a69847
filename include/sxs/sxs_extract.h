/* Extraction writers: the pairs of many pages as JSON Lines, TSV, PO,
 * XLIFF 2.1 or TMX 1.4b. A writer streams what it can (jsonl, tsv, xliff,
 * tmx) and buffers what its library needs whole (po). */
#ifndef SXS_EXTRACT_H
#define SXS_EXTRACT_H

#include <stdio.h>

#include "sxs_buf.h"
#include "sxs_page.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum sxs_format {
  SXS_FORMAT_JSONL = 0,
  SXS_FORMAT_TSV,
  SXS_FORMAT_PO,
  SXS_FORMAT_XLIFF,
  SXS_FORMAT_TMX
} sxs_format;

/* "jsonl", "tsv", "po", "xliff", "tmx" -> format; -1 if unknown. */
int sxs_format_from_name(const char *name);
const char *sxs_format_name(sxs_format format);

typedef struct sxs_extract_writer sxs_extract_writer;

/* out_path is where the output goes (NULL or "-" for standard output). A
 * file is written as a temporary file beside it and renamed into place by
 * sxs_extract_finish, so that a failed run leaves no partial file (a
 * symbolic link stays a link; the file it names is replaced). A path that
 * exists and is not a regular file, such as /dev/null or a FIFO, is
 * written directly. Returns NULL with a message in err when the output
 * cannot be opened. */
sxs_extract_writer *sxs_extract_writer_new(sxs_format format,
                                           const char *out_path, char *err,
                                           size_t errsize);

/* XLIFF and TMX: writes the markup of SOURCE and TARGET as inline codes
 * (code spans, HTML tags and autolinks as XLIFF <ph> or TMX <ph>, links and
 * images as XLIFF <pc> or TMX <bpt>/<ept> around their text; XLIFF's
 * markup in <originalData>, TMX's inside the codes), so that a CAT tool
 * shows the translator what not to change; sxs merge puts the markup back.
 * Returns -1 for another format. Call before the first page. */
int sxs_extract_set_inline_codes(sxs_extract_writer *w, int on);

/* Adds the pairs of one page; file is the page's path as walked. Bytes a
 * format cannot carry (not UTF-8; in XML and PO also control characters)
 * are written as U+FFFD with a warning on stderr. Returns 0, or -1 after a
 * write error or lack of memory, whose reason sxs_extract_finish gives. */
int sxs_extract_add_page(sxs_extract_writer *w, const char *file,
                         const sxs_page *page);

/* Page by page in other threads (jsonl and tsv only): formats the pairs of
 * one page into out exactly as sxs_extract_add_page would write them, with
 * the writer's warnings appended to warnings instead of printed, and the
 * count of bytes replaced with U+FFFD in *replaced. Needs no writer, so it
 * may run in any thread. Returns 0, or -1 for another format or when
 * memory runs out. */
int sxs_extract_format_page(sxs_format format, const char *file,
                            const sxs_page *page, sxs_buf *out,
                            sxs_buf *warnings, size_t *replaced);

/* Writes a page formatted by sxs_extract_format_page (pairs: its number of
 * pairs), in the order the pages are added. */
int sxs_extract_add_formatted(sxs_extract_writer *w, const char *data,
                              size_t len, size_t pairs, size_t replaced);

/* Writes everything; returns 0, or -1 with a message in err (no output
 * file is then left behind). Frees w. */
int sxs_extract_finish(sxs_extract_writer *w, char *err, size_t errsize);

/* Frees a writer without writing. */
void sxs_extract_abort(sxs_extract_writer *w);

#ifdef __cplusplus
}
#endif
#endif
