/* Translation QA: checks over the pairs of pages and over a whole corpus.
 *
 * A checker collects findings page by page (sxs_checker_add_page), then
 * sxs_checker_finish prepares the corpus-wide ones (consistency); a reader
 * gives them all in file order, then line and column. Every finding names
 * its pair: file, line and column of the pair, its id. */
#ifndef SXS_CHECK_H
#define SXS_CHECK_H

#include <stddef.h>
#include <stdio.h>

#include "sxs_page.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum sxs_check_level {
  SXS_LEVEL_OFF = 0,
  SXS_LEVEL_INFO = 1,
  SXS_LEVEL_WARNING = 2,
  SXS_LEVEL_ERROR = 3
} sxs_check_level;

/* "off", "info", "warning", "error" -> level; -1 if unknown. */
int sxs_check_level_from_name(const char *name);
const char *sxs_check_level_name(sxs_check_level level);

typedef struct sxs_check_info {
  const char *name;     /* e.g. "link-destination" */
  const char *family;   /* e.g. "link" */
  sxs_check_level default_level;
  const char *summary;  /* one line */
} sxs_check_info;

size_t sxs_check_count(void);
const sxs_check_info *sxs_check_info_at(size_t index);
/* Index of a check by name, -1 if none. */
int sxs_check_find(const char *name);

typedef struct sxs_finding {
  size_t file_index;  /* into the checker's list of files */
  unsigned line;      /* of the pair (or of the front matter key) */
  unsigned column;
  char *id;           /* the pair's id, "" for a page-level finding */
  int check;          /* index into the registry */
  sxs_check_level level;
  char *message;
  char *source;       /* the pair's SOURCE and TARGET, NULL for page-level */
  char *target;
  int baselined;      /* found in the baseline: does not count */
  size_t sequence;    /* its place in the order read */
} sxs_finding;

typedef struct sxs_checker sxs_checker;

sxs_checker *sxs_checker_new(void);
void sxs_checker_free(sxs_checker *checker);

/* Sets the level of a check, or of every check of a family when name is a
 * family word ("link"), or of all checks for "all". level -1 restores the
 * default. Returns the number of checks changed, 0 if name matched none. */
int sxs_checker_set_level(sxs_checker *checker, const char *name, int level);
sxs_check_level sxs_checker_level(const sxs_checker *checker, int check);

/* The target locale to expect (--locale); NULL: each page's own. Also the
 * grouping of the consistency checks, which compare pairs of one target
 * locale only (this one, else each page's ms.contentlocale or the locale
 * given to sxs_checker_add_pair, without case, '_' as '-'; pairs with no
 * locale form one group). */
void sxs_checker_set_locale(sxs_checker *checker, const char *locale);
/* Directory of the locale rules (locales/NAME.conf); NULL: the default search
 * ($SXS_LOCALES_DIR, the source tree, the installed data). */
void sxs_checker_set_locales_dir(sxs_checker *checker, const char *dir);

/* Loads a glossary: TBX (ISO 30042) when the file is XML, else CSV
 * (term,translation[,note]). TBX is read without loading any DTD,
 * expanding entities or using the network; a DOCTYPE with an internal
 * subset or an external DTD is refused. Returns 0, or -1 with a complete
 * diagnostic in err: "FILE[:LINE:COL]: error: ... [unreadable-glossary]". */
int sxs_checker_load_glossary(sxs_checker *checker, const char *path,
                              char *err, size_t errsize);

/* Loads a baseline written by sxs_checker_write_baseline. */
int sxs_checker_load_baseline(sxs_checker *checker, const char *path,
                              char *err, size_t errsize);

/* Checks every pair of a page; file is the path as walked. */
int sxs_checker_add_page(sxs_checker *checker, const char *file,
                         const sxs_page *page);

/* Checks one pair given as text (what add_page does for each pair). */
int sxs_checker_add_pair(sxs_checker *checker, const char *file,
                         unsigned line, unsigned column, const char *id,
                         const char *target, size_t target_len,
                         const char *source, size_t source_len,
                         const char *locale);

/* ---- Pages in parallel ----
 * sxs_checker_check_page checks one page without changing the checker's
 * findings: once the checker is set up (levels, locale, glossary,
 * baseline), it may run in several threads at once. The results are then
 * added with sxs_checker_add_result, in one thread, in the order of the
 * run: the findings, their order and the consistency over the corpus are
 * then the same as with sxs_checker_add_page called page after page. */
typedef struct sxs_check_page_result sxs_check_page_result;

/* NULL when out of memory. */
sxs_check_page_result *sxs_checker_check_page(sxs_checker *checker,
                                              const char *file,
                                              const sxs_page *page);
/* Adds the result to the checker and frees it. Returns 0, or -1 when
 * something was lost for lack of memory (result NULL included). */
int sxs_checker_add_result(sxs_checker *checker,
                           sxs_check_page_result *result);
/* For a result that is not to be added. */
void sxs_check_page_result_free(sxs_check_page_result *result);

/* Prepares the corpus-wide findings (consistency). Call once, when every
 * page is added. */
void sxs_checker_finish(sxs_checker *checker);
size_t sxs_checker_finding_count(const sxs_checker *checker);

/* ---- Reading the findings ----
 * In order: file (as added), line, column. The checker does not hold them
 * all: the pages' findings wait in a spool (in a temporary file past a few
 * megabytes) and the consistency findings are made as they are read, so
 * that a corpus of any size is checked in bounded memory. Several readers
 * may read one finished checker at once. */
typedef struct sxs_finding_reader sxs_finding_reader;
/* NULL when out of memory. */
sxs_finding_reader *sxs_checker_read_findings(const sxs_checker *checker);
/* The next finding, valid until the next call; NULL after the last one or
 * on a failure, which sxs_finding_reader_failed then tells. */
const sxs_finding *sxs_finding_reader_next(sxs_finding_reader *reader);
int sxs_finding_reader_failed(const sxs_finding_reader *reader);
void sxs_finding_reader_free(sxs_finding_reader *reader);

/* The i-th finding: the first call reads them all into memory (meant for
 * small runs and tests; not to be called from several threads). */
const sxs_finding *sxs_checker_finding(const sxs_checker *checker, size_t i);
const char *sxs_checker_file(const sxs_checker *checker, size_t file_index);
size_t sxs_checker_file_count(const sxs_checker *checker);
size_t sxs_checker_pair_count(const sxs_checker *checker);

/* Number of findings that count (not baselined) at or above level. */
size_t sxs_checker_count_at(const sxs_checker *checker, sxs_check_level level);

/* The baseline fingerprint of a finding: "FILE\tID\tCHECK\tHASH", HASH
 * being 16 hex digits over the check, the id and the pair's text (never
 * the line, so that edits elsewhere in the page keep it valid). */
void sxs_finding_fingerprint(const sxs_checker *checker,
                             const sxs_finding *finding, char *buf,
                             size_t size);

/* Writes the fingerprints of every finding (baselined or not), one a
 * line, atomically: as they are read, into a temporary file renamed over
 * path at the end (sxs_atomic_file), so that memory does not grow with
 * the baseline. */
int sxs_checker_write_baseline(const sxs_checker *checker, const char *path,
                               char *err, size_t errsize);

typedef enum sxs_check_format {
  SXS_CHECK_TEXT = 0,
  SXS_CHECK_JSON,
  SXS_CHECK_SARIF,
  SXS_CHECK_JUNIT
} sxs_check_format;

/* "text", "json", "sarif", "junit" -> format; -1 if unknown. */
int sxs_check_format_from_name(const char *name);

/* Writes the findings that count. Returns 0, or -1 on a write error. */
int sxs_checker_write(const sxs_checker *checker, sxs_check_format format,
                      FILE *out);

#ifdef __cplusplus
}
#endif
#endif
