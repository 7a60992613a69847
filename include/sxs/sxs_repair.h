/* Repair: undoing mechanical damage to pair markup (FORMAT.md section 5),
 * such as the entity-escaped quotes of <span data-ttu-id=&quot;ID&quot;>.
 * Only changes that are sure are made: each one must turn damaged markup
 * into a pair that parses clean. What looks damaged but cannot be repaired
 * with certainty is reported and left as it is. */
#ifndef SXS_REPAIR_H
#define SXS_REPAIR_H

#include <stddef.h>

#include "sxs_buf.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One change: bytes [offset, offset + strlen(before)) of the original page
 * became after. before and after are printable ASCII. */
typedef struct sxs_repair_change {
  size_t offset;
  unsigned line, column; /* of offset in the original page, 1-based */
  char *before;
  char *after;
} sxs_repair_change;

/* Damage seen but left alone, with the reason. */
typedef struct sxs_repair_doubt {
  size_t offset;
  unsigned line, column;
  char *message;
} sxs_repair_doubt;

typedef struct sxs_repair_result {
  sxs_repair_change *changes;
  size_t change_count, change_cap;
  sxs_repair_doubt *doubts;
  size_t doubt_count, doubt_cap;
} sxs_repair_result;

#define SXS_REPAIR_RESULT_INIT {0, 0, 0, 0, 0, 0}

/* Appends the repaired page to out (the same bytes when nothing is
 * changed) and fills result. Returns 0, or -1 when memory ran out. Time
 * and memory are linear in len. */
int sxs_repair_page(const char *data, size_t len, sxs_buf *out,
                    sxs_repair_result *result);

void sxs_repair_result_free(sxs_repair_result *result);

#ifdef __cplusplus
}
#endif
#endif
