/* Writing findings: gcc-style text, JSON Lines, SARIF 2.1.0, JUnit XML. */
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "check_internal.h"
#include "sxs/sxs.h"
#include "sxs/sxs_check.h"

int sxs_check_format_from_name(const char *name) {
  static const char *const names[] = {"text", "json", "sarif", "junit"};
  for (int i = 0; i < 4; i++)
    if (strcmp(name, names[i]) == 0) return i;
  if (strcmp(name, "jsonl") == 0) return SXS_CHECK_JSON;
  return -1;
}

/* A JSON string; NULL is written as "". */
static void json_string(sxs_buf *b, const char *s) {
  sxs_json_append_string(b, s ? s : "", s ? strlen(s) : 0);
}

/* Valid UTF-8 without the control characters XML forbids. */
static char *xml_clean(const char *s) {
  sxs_buf b = SXS_BUF_INIT;
  size_t len = s ? strlen(s) : 0;
  for (size_t i = 0; i < len;) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
      i++;
      if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') c = '?';
      sxs_buf_putc(&b, (char)c);
      continue;
    }
    size_t start = i;
    int32_t cp = check_utf8_next(s, len, &i);
    if ((cp == 0xFFFD && i - start != 3) || (cp >= 0xD800 && cp <= 0xDFFF) ||
        cp == 0xFFFE || cp == 0xFFFF)
      sxs_buf_puts(&b, "\xEF\xBF\xBD");
    else
      sxs_buf_append(&b, s + start, i - start);
  }
  sxs_buf_putc(&b, '\0');
  return b.data;
}

static const char *sarif_level(sxs_check_level l) {
  return l == SXS_LEVEL_ERROR ? "error" : l == SXS_LEVEL_WARNING ? "warning"
                                                                 : "note";
}

static int flush(sxs_buf *b, FILE *out) {
  int ok = !b->failed && fwrite(b->data ? b->data : "", 1, b->len, out) == b->len;
  sxs_buf_clear(b);
  return ok ? 0 : -1;
}

/* A string as printf's %s writes it, "(null)" for none (glibc). */
static void put_string(sxs_buf *b, const char *s) {
  sxs_buf_puts(b, s ? s : "(null)");
}

/* One line a finding, as "%s:%u:%u: %s: %s [%s]\n" would write it (a
 * string ends at its first NUL there too), without formatting each. */
static int write_text(const sxs_checker *c, sxs_finding_reader *reader,
                      FILE *out) {
  size_t levels[4] = {0}, baselined = 0;
  sxs_buf b = SXS_BUF_INIT;
  int r = 0;
  const sxs_finding *f;
  while (r == 0 && (f = sxs_finding_reader_next(reader))) {
    if (f->baselined) {
      baselined++;
      continue;
    }
    levels[f->level]++;
    put_string(&b, sxs_checker_file(c, f->file_index));
    sxs_buf_putc(&b, ':');
    sxs_buf_put_size(&b, f->line);
    sxs_buf_putc(&b, ':');
    sxs_buf_put_size(&b, f->column);
    sxs_buf_puts(&b, ": ");
    sxs_buf_puts(&b, sxs_check_level_name(f->level));
    sxs_buf_puts(&b, ": ");
    put_string(&b, f->message);
    sxs_buf_puts(&b, " [");
    sxs_buf_puts(&b, sxs_check_info_at((size_t)f->check)->name);
    sxs_buf_puts(&b, "]\n");
    if (b.len > 65536) r = flush(&b, out);
  }
  if (r == 0) r = flush(&b, out);
  sxs_buf_free(&b);
  if (r < 0 || sxs_finding_reader_failed(reader)) return -1;
  fprintf(out,
          "sxs check: %zu pair%s in %zu file%s: %zu error%s, %zu warning%s, "
          "%zu info",
          sxs_checker_pair_count(c), sxs_checker_pair_count(c) == 1 ? "" : "s",
          sxs_checker_file_count(c), sxs_checker_file_count(c) == 1 ? "" : "s",
          levels[3], levels[3] == 1 ? "" : "s", levels[2],
          levels[2] == 1 ? "" : "s", levels[1]);
  if (baselined) fprintf(out, " (%zu more in the baseline)", baselined);
  fputc('\n', out);
  return ferror(out) ? -1 : 0;
}

static int write_json(const sxs_checker *c, sxs_finding_reader *reader,
                      FILE *out) {
  sxs_buf b = SXS_BUF_INIT;
  const sxs_finding *f;
  while ((f = sxs_finding_reader_next(reader))) {
    if (f->baselined) continue;
    sxs_buf_puts(&b, "{\"file\":");
    json_string(&b, sxs_checker_file(c, f->file_index));
    sxs_buf_printf(&b, ",\"line\":%u,\"column\":%u,\"id\":", f->line,
                   f->column);
    json_string(&b, f->id);
    sxs_buf_puts(&b, ",\"check\":");
    json_string(&b, sxs_check_info_at((size_t)f->check)->name);
    sxs_buf_puts(&b, ",\"severity\":");
    json_string(&b, sxs_check_level_name(f->level));
    sxs_buf_puts(&b, ",\"message\":");
    json_string(&b, f->message);
    sxs_buf_puts(&b, ",\"source\":");
    if (f->source) json_string(&b, f->source);
    else sxs_buf_puts(&b, "null");
    sxs_buf_puts(&b, ",\"target\":");
    if (f->target) json_string(&b, f->target);
    else sxs_buf_puts(&b, "null");
    sxs_buf_puts(&b, "}\n");
    if (b.len > 65536 && flush(&b, out) < 0) break;
  }
  int r = flush(&b, out);
  sxs_buf_free(&b);
  if (sxs_finding_reader_failed(reader)) r = -1;
  return r;
}

static int write_sarif(const sxs_checker *c, sxs_finding_reader *reader,
                       FILE *out) {
  sxs_buf b = SXS_BUF_INIT;
  sxs_buf_puts(&b,
               "{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\","
               "\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{"
               "\"name\":\"sxs\",\"informationUri\":"
               "\"https://github.com/sxs-tools/sxs\",\"version\":");
  json_string(&b, sxs_version());
  sxs_buf_puts(&b, ",\"rules\":[");
  for (size_t r = 0; r < sxs_check_count(); r++) {
    const sxs_check_info *info = sxs_check_info_at(r);
    sxs_buf_puts(&b, r ? ",{\"id\":" : "{\"id\":");
    json_string(&b, info->name);
    sxs_buf_puts(&b, ",\"name\":");
    json_string(&b, info->name);
    sxs_buf_puts(&b, ",\"shortDescription\":{\"text\":");
    json_string(&b, info->summary);
    sxs_buf_puts(&b, "},\"defaultConfiguration\":{\"level\":");
    json_string(&b, sarif_level(info->default_level));
    sxs_buf_puts(&b, "},\"properties\":{\"tags\":[");
    json_string(&b, info->family);
    sxs_buf_puts(&b, "]}}");
  }
  sxs_buf_puts(&b, "]}},\"results\":[");
  int first = 1;
  char fp[1024];
  const sxs_finding *f;
  while ((f = sxs_finding_reader_next(reader))) {
    if (f->baselined) continue;
    sxs_buf_puts(&b, first ? "{\"ruleId\":" : ",{\"ruleId\":");
    first = 0;
    json_string(&b, sxs_check_info_at((size_t)f->check)->name);
    sxs_buf_printf(&b, ",\"ruleIndex\":%d,\"level\":", f->check);
    json_string(&b, sarif_level(f->level));
    sxs_buf_puts(&b, ",\"message\":{\"text\":");
    json_string(&b, f->message);
    sxs_buf_puts(&b, "},\"locations\":[{\"physicalLocation\":{"
                     "\"artifactLocation\":{\"uri\":");
    /* A relative path as walked is a valid relative URI reference once its
     * spaces and percent signs are escaped. */
    sxs_buf uri = SXS_BUF_INIT;
    for (const char *p = sxs_checker_file(c, f->file_index); *p; p++) {
      unsigned char ch = (unsigned char)*p;
      if (ch <= ' ' || ch == '%' || ch == '#' || ch == '?' || ch >= 0x7F)
        sxs_buf_printf(&uri, "%%%02X", ch);
      else
        sxs_buf_putc(&uri, (char)ch);
    }
    sxs_buf_putc(&uri, '\0');
    json_string(&b, uri.data ? uri.data : "");
    sxs_buf_free(&uri);
    sxs_buf_printf(&b,
                   "},\"region\":{\"startLine\":%u,\"startColumn\":%u}}}],"
                   "\"partialFingerprints\":{\"sxsFingerprint/v1\":",
                   f->line ? f->line : 1, f->column ? f->column : 1);
    sxs_finding_fingerprint(c, f, fp, sizeof fp);
    json_string(&b, fp);
    sxs_buf_puts(&b, "},\"properties\":{\"id\":");
    json_string(&b, f->id);
    sxs_buf_puts(&b, "}}");
    if (b.len > 65536 && flush(&b, out) < 0) break;
  }
  sxs_buf_puts(&b, "]}]}\n");
  int r = flush(&b, out);
  sxs_buf_free(&b);
  if (sxs_finding_reader_failed(reader)) r = -1;
  return r;
}

/* One test suite a file, one test case a pair with findings, written as
 * the findings are read. */
static int write_junit(const sxs_checker *c, sxs_finding_reader *reader,
                       FILE *out) {
  xmlOutputBufferPtr ob = xmlOutputBufferCreateFile(out, NULL);
  if (!ob) return -1;
  xmlTextWriterPtr w = xmlNewTextWriter(ob);
  if (!w) {
    xmlOutputBufferClose(ob);
    return -1;
  }
  int rc = 0;
  xmlTextWriterSetIndent(w, 1);
  rc |= xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL) < 0;
  rc |= xmlTextWriterStartElement(w, BAD_CAST "testsuites") < 0;
  rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "name", BAD_CAST "sxs check") < 0;
  check_finding_list ff = {0}; /* the findings of one file */
  const sxs_finding *next = sxs_finding_reader_next(reader);
  for (size_t file = 0; file < sxs_checker_file_count(c) && !rc; file++) {
    check_finding_list_clear(&ff);
    while (next && next->file_index == file) {
      if (check_finding_list_add(&ff, next) < 0) rc = 1;
      next = sxs_finding_reader_next(reader);
    }
    size_t at = ff.count;
    const sxs_finding *all = ff.items;
    size_t cases = 0, failures = 0;
    for (size_t i = 0; i < at;) {
      const sxs_finding *f = &all[i];
      size_t j = i;
      int counted = 0, failing = 0;
      while (j < at && all[j].line == f->line && all[j].column == f->column) {
        const sxs_finding *g = &all[j];
        if (!g->baselined) {
          counted = 1;
          if (g->level >= SXS_LEVEL_WARNING) failing = 1;
        }
        j++;
      }
      cases += counted;
      failures += failing;
      i = j;
    }
    char *name = xml_clean(sxs_checker_file(c, file));
    rc |= xmlTextWriterStartElement(w, BAD_CAST "testsuite") < 0;
    rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "name", BAD_CAST name) < 0;
    rc |= xmlTextWriterWriteFormatAttribute(w, BAD_CAST "tests", "%zu", cases) < 0;
    rc |= xmlTextWriterWriteFormatAttribute(w, BAD_CAST "failures", "%zu",
                                            failures) < 0;
    rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "errors", BAD_CAST "0") < 0;
    for (size_t i = 0; i < at;) {
      const sxs_finding *f = &all[i];
      size_t j = i;
      while (j < at && all[j].line == f->line && all[j].column == f->column)
        j++;
      const sxs_finding *first = NULL;
      sxs_buf text = SXS_BUF_INIT;
      int failing = 0;
      for (size_t k = i; k < j; k++) {
        const sxs_finding *g = &all[k];
        if (g->baselined) continue;
        if (!first) first = g;
        if (g->level >= SXS_LEVEL_WARNING) failing = 1;
        sxs_buf_printf(&text, "%s:%u:%u: %s: %s [%s]\n", name, g->line,
                       g->column, sxs_check_level_name(g->level), g->message,
                       sxs_check_info_at((size_t)g->check)->name);
      }
      if (first) {
        char *id = xml_clean(first->id);
        char *body = xml_clean(check_cstr(&text));
        char *msg = xml_clean(first->message);
        char case_name[160];
        snprintf(case_name, sizeof case_name, "%s (line %u)",
                 id[0] ? id : "page", first->line);
        rc |= xmlTextWriterStartElement(w, BAD_CAST "testcase") < 0;
        rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "classname",
                                          BAD_CAST name) < 0;
        rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "name",
                                          BAD_CAST case_name) < 0;
        rc |= xmlTextWriterStartElement(
                  w, BAD_CAST(failing ? "failure" : "system-out")) < 0;
        if (failing) {
          rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "message",
                                            BAD_CAST msg) < 0;
          rc |= xmlTextWriterWriteAttribute(
                    w, BAD_CAST "type",
                    BAD_CAST sxs_check_info_at((size_t)first->check)->name) < 0;
        }
        rc |= xmlTextWriterWriteString(w, BAD_CAST body) < 0;
        rc |= xmlTextWriterEndElement(w) < 0;
        rc |= xmlTextWriterEndElement(w) < 0;
        free(id);
        free(body);
        free(msg);
      }
      sxs_buf_free(&text);
      i = j;
    }
    rc |= xmlTextWriterEndElement(w) < 0;
    free(name);
  }
  check_finding_list_free(&ff);
  if (next || sxs_finding_reader_failed(reader)) rc = 1;
  rc |= xmlTextWriterEndElement(w) < 0;
  rc |= xmlTextWriterEndDocument(w) < 0;
  xmlFreeTextWriter(w); /* flushes and closes ob, not out */
  return rc ? -1 : 0;
}

int sxs_checker_write(const sxs_checker *c, sxs_check_format format,
                      FILE *out) {
  sxs_finding_reader *reader = sxs_checker_read_findings(c);
  if (!reader) return -1;
  int r;
  switch (format) {
    case SXS_CHECK_JSON: r = write_json(c, reader, out); break;
    case SXS_CHECK_SARIF: r = write_sarif(c, reader, out); break;
    case SXS_CHECK_JUNIT: r = write_junit(c, reader, out); break;
    default: r = write_text(c, reader, out); break;
  }
  sxs_finding_reader_free(reader);
  if (fflush(out) != 0) r = -1;
  return r;
}
