/* Private to lib/merge*.c: the translation file as read. */
#ifndef SXS_LIB_MERGE_INTERNAL_H
#define SXS_LIB_MERGE_INTERNAL_H

#include "strmap.h"
#include "sxs/sxs_merge.h"

typedef struct sxs_unit_list {
  size_t *index;
  size_t count;
  size_t cap;
} sxs_unit_list;

/* Locale names compared without case, "_" same as "-". */
int sxs_lang_equal(const char *a, const char *b);

struct sxs_tfile {
  char *path;
  sxs_format format;
  sxs_tunit *units;
  size_t count;
  size_t cap;
  sxs_strmap pages;        /* normalized page path -> sxs_unit_list */
  sxs_strmap units_by_key; /* "page\0id[\0lang]" -> index + 1 */
};

#endif
