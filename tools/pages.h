/* What every subcommand does with its PATH operands: walk them, read and
 * parse each page, report its diagnostics, and keep the exit status. */
#ifndef SXS_TOOLS_PAGES_H
#define SXS_TOOLS_PAGES_H

#include "sxs/sxs.h"

typedef struct sxs_run_status {
  int trouble;  /* usage or I/O error seen: exit 2 */
  int errors;   /* an error diagnostic or finding reported: exit 1 */
} sxs_run_status;

/* Walks each operand (file, directory or "-") into list, in order. A path
 * that cannot be walked is reported on stderr and counted as trouble. */
void sxs_collect_pages(int count, char **operands, sxs_path_list *list,
                       sxs_run_status *status);

/* Reads and parses one page. Its diagnostics are printed on stderr as
 * FILE:LINE:COL unless quiet; an error diagnostic counts in status. On an
 * I/O error prints it, counts trouble and returns NULL. */
sxs_page *sxs_load_page(const char *path, int quiet, sxs_run_status *status);

int sxs_exit_status(const sxs_run_status *status);

/* Where "-o OUT" puts a page walked from operand: OUT/RELATIVE, RELATIVE
 * being the page's path below the operand when the page is inside it (a
 * directory operand), else the page's file name. Returns a malloc'd path
 * or NULL when memory runs out. */
char *sxs_mirror_path(const char *out_dir, const char *operand,
                      const char *page);

#endif

/* ---- pages in parallel, results in order ---- */

/* One page's work. A thread reads and parses the page and calls the work
 * function, which fills out (what goes to the output) and err (what goes to
 * stderr); the jobs are then handed to the emit function one at a time, in
 * the order of the walk, so output is the same whatever the number of
 * threads. Emit may run on any of the threads, never on two at once. */
typedef struct sxs_page_job {
  const char *path;
  size_t index;      /* in the order of the walk */
  size_t operand;    /* which operand the page was walked from */
  sxs_page *page;    /* NULL when not read, or dropped by work */
  int loaded;        /* the page was read and parsed */
  size_t pairs;      /* its pair count, kept when the page is dropped */
  sxs_buf out;
  sxs_buf err;
  sxs_run_status status;
  void *user;        /* for the command's own per-page result */
} sxs_page_job;

/* For work whose emit does not read the page: frees it now, in the thread
 * that built it. Freed by the thread that emits, its memory went back to
 * the builder's malloc arena under that arena's lock, and with two
 * threads that was most of their waiting for each other. */
void sxs_page_job_drop_page(sxs_page_job *job);

typedef void (*sxs_page_work_fn)(sxs_page_job *job, void *ctx);
typedef void (*sxs_page_emit_fn)(sxs_page_job *job, void *ctx);

/* Walks the operands (as sxs_walk does) and runs work on every page found
 * with `jobs` threads (0: sxs_default_jobs()), then emit in walk order. The walk
 * goes along with the work: no list of the corpus is made. Diagnostics of
 * each page are printed (unless quiet) before its emit, and walk trouble
 * (reported as sxs_collect_pages does) just before the page that follows
 * it. At most a few pages per thread are in flight, so memory does not grow
 * with the corpus. The page is freed after emit unless work dropped it. */
void sxs_for_each_walked_page(int count, char **operands, int jobs, int quiet,
                              sxs_page_work_fn work, sxs_page_emit_fn emit,
                              void *ctx, sxs_run_status *status);


/* The number of threads for -j 0 (the default): sxs_available_cpus(), at
 * most 64. */
int sxs_default_jobs(void);
