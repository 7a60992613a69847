#include "sxs/sxs_diag.h"

const char *sxs_severity_name(sxs_severity severity) {
  switch (severity) {
    case SXS_ERROR: return "error";
    case SXS_WARNING: return "warning";
    case SXS_NOTE: return "note";
  }
  return "error";
}

#define DIAG_FORMAT "%s:%u:%u: %s: %s [%s]\n"

int sxs_diag_append(sxs_buf *out, const char *file, const sxs_diag *diag) {
  return sxs_buf_printf(out, DIAG_FORMAT, file, diag->line, diag->column,
                        sxs_severity_name(diag->severity), diag->message,
                        diag->code);
}

void sxs_diag_print(FILE *out, const char *file, const sxs_diag *diag) {
  fprintf(out, DIAG_FORMAT, file, diag->line, diag->column,
          sxs_severity_name(diag->severity), diag->message, diag->code);
}
