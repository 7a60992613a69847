#include "sxs/sxs_diag.h"

const char *sxs_severity_name(sxs_severity severity) {
  switch (severity) {
    case SXS_ERROR: return "error";
    case SXS_WARNING: return "warning";
    case SXS_NOTE: return "note";
  }
  return "error";
}

void sxs_diag_print(FILE *out, const char *file, const sxs_diag *diag) {
  fprintf(out, "%s:%u:%u: %s: %s [%s]\n", file, diag->line, diag->column,
          sxs_severity_name(diag->severity), diag->message, diag->code);
}
