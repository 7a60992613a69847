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

/* Prints the page's diagnostics and counts its errors in status. */
void sxs_report_page(const char *path, const sxs_page *page,
                     sxs_run_status *status);

int sxs_exit_status(const sxs_run_status *status);

#endif
