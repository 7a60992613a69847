#include "sxs/sxs.h"

const char *sxs_version(void) {
  return SXS_VERSION;
}
