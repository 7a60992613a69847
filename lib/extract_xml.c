/* XLIFF 2.1 and TMX 1.4b, streamed through libxml2's xmlTextWriter: one page
 * at a time goes out, nothing of the corpus is kept.
 *
 * Choices a reader of the output should know:
 * - TARGET and SOURCE are written as text: their Markdown and inline HTML
 *   stay markup-as-text (escaped by the writer), unless inline codes were
 *   asked for (extract_codes.c says which markup becomes which code).
 * - A character XML 1.0 cannot carry (C0 controls but tab/LF/CR, U+FFFE,
 *   U+FFFF) or a byte that is not UTF-8 is written as U+FFFD and reported
 *   on stderr, so the document is always well-formed.
 * - XLIFF: version="2.1" with the 2.0 namespace, as XLIFF 2.1 specifies; the
 *   2.0 core XSD leaves the version attribute untyped, so it validates.
 *   trgLang is the first locale a page names (pages before it without
 *   ms.contentlocale, such as a TOC.md, are held in memory until then); a
 *   page of another locale is still written, with a warning. A page without pairs gets no <file> (the
 *   schema wants at least one unit in a file), and a run without any pair
 *   fails: an XLIFF document must have a file. Unit ids are NMTOKENs: other
 *   bytes of a (damaged) pair id become '_', and an id already used in the
 *   same <file> gets ".2", ".3"... (warning [duplicate-id]).
 *   xml:space="preserve" is put on a <source>/<target> whose whitespace a
 *   consumer could otherwise normalize: leading or trailing white space, a
 *   run of two, or a tab, LF or CR.
 * - TMX: no xml:space (the TMX DTD does not declare it); each <tu> has the
 *   props x-file and x-line, and its target <tuv> takes the page's locale
 *   ("und" when the page has none, with a warning). */
#include <libxml/xmlwriter.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "extract_internal.h"
#include "sxs/sxs.h"

#define XLIFF_NS "urn:oasis:names:tc:xliff:document:2.0"

/* A page with pairs but no locale, seen before any page with one. */
struct held_page {
  char *file;
  char *data;
  sxs_pair *pairs;
  size_t count;
};

struct sxs_xml_state {
  xmlTextWriterPtr tw;
  struct held_page *held;
  size_t held_count, held_cap;
  int root_written;
  unsigned long files_written;
  char *trg_lang;      /* XLIFF: the document's trgLang, "" when omitted */
  sxs_strset unit_ids; /* XLIFF: the unit ids of the current <file> */
  sxs_strmap unit_suffix; /* XLIFF: where ID.N resumes, by ID */
  sxs_buf unit_id;
  sxs_unit_codes codes;   /* XLIFF with inline codes: the unit's */
};

#define X(s) ((const xmlChar *)(s))

static void free_held(struct sxs_xml_state *x) {
  for (size_t i = 0; i < x->held_count; i++) {
    free(x->held[i].file);
    free(x->held[i].data);
    free(x->held[i].pairs);
  }
  free(x->held);
  x->held = NULL;
  x->held_count = x->held_cap = 0;
}

static int check(sxs_extract_writer *w, int rc) {
  if (rc < 0) sxs_extract_fail(w, "cannot write the XML output");
  return rc;
}

/* A locale as xs:language (RFC 3066 shape) accepts it. */
static int is_language_tag(const char *s) {
  size_t part = 0;
  int first = 1;
  if (!*s) return 0;
  for (; *s; s++) {
    char c = *s;
    if (c == '-') {
      if (part == 0) return 0;
      part = 0;
      first = 0;
      continue;
    }
    int alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    int digit = c >= '0' && c <= '9';
    if (!(alpha || (digit && !first))) return 0;
    if (++part > 8) return 0;
  }
  return part > 0;
}

/* Cleans s into w->scratch (which it returns) and counts replacements. */
static const char *clean(sxs_extract_writer *w, sxs_buf *buf, const char *s,
                         size_t n, size_t *replaced) {
  sxs_buf_clear(buf);
  size_t r = sxs_extract_clean(s, n, SXS_CLEAN_XML, buf);
  if (r == (size_t)-1) {
    sxs_extract_fail(w, "out of memory");
    return "";
  }
  *replaced += r;
  return buf->data;
}

static int needs_preserve(const char *s) {
  size_t n = strlen(s);
  if (n == 0) return 0;
  if (s[0] == ' ' || s[n - 1] == ' ') return 1;
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '\t' || s[i] == '\n' || s[i] == '\r') return 1;
    if (s[i] == ' ' && s[i + 1] == ' ') return 1;
  }
  return 0;
}

int sxs_xml_begin(sxs_extract_writer *w) {
  struct sxs_xml_state *x = calloc(1, sizeof *x);
  if (!x) {
    sxs_extract_fail(w, "out of memory");
    return -1;
  }
  w->xml = x;
  xmlOutputBufferPtr out = xmlOutputBufferCreateFile(w->fp, NULL);
  if (!out) {
    sxs_extract_fail(w, "out of memory");
    return -1;
  }
  x->tw = xmlNewTextWriter(out); /* owns out from here */
  if (!x->tw) {
    xmlOutputBufferClose(out);
    sxs_extract_fail(w, "out of memory");
    return -1;
  }
  xmlTextWriterSetIndent(x->tw, 1);
  xmlTextWriterSetIndentString(x->tw, X("  "));
  if (check(w, xmlTextWriterStartDocument(x->tw, "1.0", "UTF-8", NULL)) < 0)
    return -1;
  if (w->format != SXS_FORMAT_TMX) return 0; /* XLIFF waits for a locale */

  xmlTextWriterPtr tw = x->tw;
  /* The DOCTYPE the TMX DTD asks for, on one line (indenting would break
   * it before SYSTEM). */
  xmlTextWriterSetIndent(tw, 0);
  check(w, xmlTextWriterWriteDTD(tw, X("tmx"), NULL, X("tmx14.dtd"), NULL));
  check(w, xmlTextWriterWriteRaw(tw, X("\n")));
  xmlTextWriterSetIndent(tw, 1);
  check(w, xmlTextWriterStartElement(tw, X("tmx")));
  check(w, xmlTextWriterWriteAttribute(tw, X("version"), X("1.4")));
  check(w, xmlTextWriterStartElement(tw, X("header")));
  check(w, xmlTextWriterWriteAttribute(tw, X("creationtool"), X("sxs")));
  check(w, xmlTextWriterWriteAttribute(tw, X("creationtoolversion"),
                                       X(sxs_version())));
  check(w, xmlTextWriterWriteAttribute(tw, X("datatype"), X("plaintext")));
  check(w, xmlTextWriterWriteAttribute(tw, X("segtype"), X("sentence")));
  check(w, xmlTextWriterWriteAttribute(tw, X("adminlang"),
                                       X(SXS_SOURCE_LOCALE)));
  check(w, xmlTextWriterWriteAttribute(tw, X("srclang"),
                                       X(SXS_SOURCE_LOCALE)));
  check(w, xmlTextWriterWriteAttribute(tw, X("o-tmf"), X("sxs")));
  check(w, xmlTextWriterEndElement(tw));
  check(w, xmlTextWriterStartElement(tw, X("body")));
  x->root_written = 1;
  return w->failed ? -1 : 0;
}

static void xliff_root(sxs_extract_writer *w, const char *file,
                       const char *locale) {
  struct sxs_xml_state *x = w->xml;
  xmlTextWriterPtr tw = x->tw;
  if (is_language_tag(locale)) {
    x->trg_lang = strdup(locale);
  } else {
    x->trg_lang = strdup("");
    if (locale[0])
      fprintf(stderr,
              "sxs: %s: warning: locale '%s' is not a language tag; XLIFF "
              "trgLang omitted [no-locale]\n",
              file, locale);
    else
      fprintf(stderr,
              "sxs: warning: no page names its locale (ms.contentlocale); "
              "XLIFF trgLang omitted [no-locale]\n");
  }
  if (!x->trg_lang) {
    sxs_extract_fail(w, "out of memory");
    return;
  }
  check(w, xmlTextWriterStartElement(tw, X("xliff")));
  check(w, xmlTextWriterWriteAttribute(tw, X("xmlns"), X(XLIFF_NS)));
  check(w, xmlTextWriterWriteAttribute(tw, X("version"), X("2.1")));
  check(w, xmlTextWriterWriteAttribute(tw, X("srcLang"),
                                       X(SXS_SOURCE_LOCALE)));
  if (x->trg_lang[0])
    check(w, xmlTextWriterWriteAttribute(tw, X("trgLang"), X(x->trg_lang)));
  x->root_written = 1;
}

/* The pair id as a unit id unique in the current file: an NMTOKEN made of
 * ASCII name characters, suffixed on a repeat. Left in x->unit_id. */
static void unit_id(sxs_extract_writer *w, const char *file,
                    const sxs_pair *pair, const char *id, size_t id_len) {
  struct sxs_xml_state *x = w->xml;
  sxs_buf *b = &x->unit_id;
  sxs_buf_clear(b);
  int changed = 0;
  for (size_t i = 0; i < id_len; i++) {
    char c = id[i];
    int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
             (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_' ||
             c == ':';
    sxs_buf_putc(b, ok ? c : '_');
    changed |= !ok;
  }
  if (b->len == 0) {
    sxs_buf_putc(b, 'u');
    changed = 1;
  }
  size_t base_len = b->len;
  int added = sxs_strset_add(&x->unit_ids, b->data, b->len);
  if (added > 0 && changed)
    fprintf(stderr,
            "%s:%u:%u: warning: pair id is not an XML name token; "
            "XLIFF unit id written as '%.*s' [unit-id]\n",
            file, pair->line, pair->column, (int)b->len, b->data);
  /* Taken: ID.2, ID.3... from where the last repeat of ID stopped. */
  unsigned long n = added == 0
                        ? sxs_suffix_next(&x->unit_suffix, b->data, base_len, 2)
                        : 0;
  while (added == 0 && !b->failed) {
    b->len = base_len;
    sxs_buf_printf(b, ".%lu", n++);
    if (b->failed) break;
    added = sxs_strset_add(&x->unit_ids, b->data, b->len);
    if (added > 0 && sxs_suffix_save(&x->unit_suffix, b->data, base_len, n) < 0)
      added = -1;
    if (added > 0)
      fprintf(stderr,
              "%s:%u:%u: warning: pair id '%.*s' repeats in this page; "
              "XLIFF unit id written as '%.*s' [duplicate-id]\n",
              file, pair->line, pair->column, (int)base_len, b->data,
              (int)b->len, b->data);
  }
  if (added < 0) b->failed = 1;
  sxs_buf_putc(b, '\0');
  if (b->failed) sxs_extract_fail(w, "out of memory");
}

static void text_element(sxs_extract_writer *w, const char *name,
                         const char *text) {
  xmlTextWriterPtr tw = w->xml->tw;
  check(w, xmlTextWriterStartElement(tw, X(name)));
  if (w->format == SXS_FORMAT_XLIFF && needs_preserve(text))
    check(w, xmlTextWriterWriteAttribute(tw, X("xml:space"), X("preserve")));
  check(w, xmlTextWriterWriteString(tw, X(text)));
  check(w, xmlTextWriterEndElement(tw));
}

/* The unit's <originalData>: <data id="dN"> for the markup of its codes. */
static void original_data(sxs_extract_writer *w, const sxs_unit_codes *uc,
                          size_t *replaced) {
  xmlTextWriterPtr tw = w->xml->tw;
  check(w, xmlTextWriterStartElement(tw, X("originalData")));
  for (size_t i = 0; i < uc->data_count; i++) {
    check(w, xmlTextWriterStartElement(tw, X("data")));
    check(w, xmlTextWriterWriteFormatAttribute(tw, X("id"), "d%zu", i + 1));
    check(w, xmlTextWriterWriteString(
                 tw, X(clean(w, &w->scratch, uc->data[i].text,
                             uc->data[i].len, replaced))));
    check(w, xmlTextWriterEndElement(tw));
  }
  check(w, xmlTextWriterEndElement(tw));
}

/* One code as XLIFF: <ph dataRef/>, or a <pc> opened or closed; the markup
 * itself is in <originalData>. */
static void xliff_code(sxs_extract_writer *w, const sxs_code_token *k) {
  xmlTextWriterPtr tw = w->xml->tw;
  if (k->kind == SXS_CODE_CLOSE) {
    check(w, xmlTextWriterEndElement(tw));
    return;
  }
  int ph = k->kind == SXS_CODE_PH;
  check(w, xmlTextWriterStartElement(tw, X(ph ? "ph" : "pc")));
  check(w, xmlTextWriterWriteFormatAttribute(tw, X("id"), "%u", k->id));
  check(w, xmlTextWriterWriteFormatAttribute(
               tw, X(ph ? "dataRef" : "dataRefStart"), "d%u", k->data + 1));
  if (ph) {
    check(w, xmlTextWriterEndElement(tw));
    return;
  }
  check(w, xmlTextWriterWriteFormatAttribute(tw, X("dataRefEnd"), "d%u",
                                             k->data_end + 1));
}

/* One code as TMX: <ph>, <bpt> or <ept> holding its markup (TMX's inline
 * elements carry the native code). */
static void tmx_code(sxs_extract_writer *w, const char *text,
                     const sxs_code_token *k, size_t *replaced) {
  xmlTextWriterPtr tw = w->xml->tw;
  const char *name = k->kind == SXS_CODE_PH     ? "ph"
                     : k->kind == SXS_CODE_OPEN ? "bpt"
                                                : "ept";
  check(w, xmlTextWriterStartElement(tw, X(name)));
  if (k->kind != SXS_CODE_PH)
    check(w, xmlTextWriterWriteFormatAttribute(tw, X("i"), "%u", k->id));
  if (k->kind != SXS_CODE_CLOSE)
    check(w, xmlTextWriterWriteFormatAttribute(tw, X("x"), "%u", k->id));
  check(w, xmlTextWriterWriteString(
               tw, X(clean(w, &w->scratch, text + k->start, k->end - k->start,
                           replaced))));
  check(w, xmlTextWriterEndElement(tw));
}

/* text_element for a text with codes: XLIFF <source>/<target> or TMX
 * <seg>. Indenting is off inside: the writer would add white space to the
 * mixed content. */
static void coded_element(sxs_extract_writer *w, const char *name,
                          const char *text, size_t len,
                          const sxs_code_text *t, size_t *replaced) {
  xmlTextWriterPtr tw = w->xml->tw;
  int xliff = w->format == SXS_FORMAT_XLIFF;
  size_t ignored = 0;
  check(w, xmlTextWriterStartElement(tw, X(name)));
  if (xliff && needs_preserve(clean(w, &w->scratch, text, len, &ignored)))
    check(w, xmlTextWriterWriteAttribute(tw, X("xml:space"), X("preserve")));
  xmlTextWriterSetIndent(tw, 0);
  for (size_t i = 0; i < t->count; i++) {
    const sxs_code_token *k = &t->tokens[i];
    if (k->kind == SXS_CODE_TEXT)
      check(w, xmlTextWriterWriteString(
                   tw, X(clean(w, &w->scratch, text + k->start,
                               k->end - k->start, replaced))));
    else if (xliff)
      xliff_code(w, k);
    else
      tmx_code(w, text, k, replaced);
  }
  check(w, xmlTextWriterEndElement(tw));
  check(w, xmlTextWriterWriteRaw(tw, X("\n")));
  xmlTextWriterSetIndent(tw, 1);
}

/* A pair's SOURCE or TARGET as element name: with its codes when the pair
 * has some (codes not NULL), else as plain text. */
static void side_element(sxs_extract_writer *w, const char *name,
                         const char *text, size_t len,
                         const sxs_code_text *codes, size_t *replaced) {
  if (codes)
    coded_element(w, name, text, len, codes, replaced);
  else
    text_element(w, name, clean(w, &w->scratch, text, len, replaced));
}

/* A TMX <tuv> in language lang, holding its <seg>. */
static void tmx_tuv(sxs_extract_writer *w, const char *lang,
                    const char *text, size_t len, const sxs_code_text *codes,
                    size_t *replaced) {
  xmlTextWriterPtr tw = w->xml->tw;
  check(w, xmlTextWriterStartElement(tw, X("tuv")));
  check(w, xmlTextWriterWriteAttribute(tw, X("xml:lang"), X(lang)));
  side_element(w, "seg", text, len, codes, replaced);
  check(w, xmlTextWriterEndElement(tw));
}

/* With inline codes, finds the pair's codes into x->codes: 1 when it has
 * some, 0 when it has none (or codes were not asked for), -1 when memory
 * runs out. */
static int pair_codes(sxs_extract_writer *w, const char *data,
                      const sxs_pair *pair) {
  if (!w->inline_codes) return 0;
  sxs_unit_codes *codes = &w->xml->codes;
  if (sxs_unit_codes_build(codes, data + pair->source.start,
                           pair->source.end - pair->source.start,
                           data + pair->target.start,
                           pair->target.end - pair->target.start) < 0) {
    sxs_extract_fail(w, "out of memory");
    return -1;
  }
  return codes->data_count > 0;
}

/* Writes one <file> with a unit per pair; data and pairs as in a page. */
static void xliff_file(sxs_extract_writer *w, const char *file,
                       const char *data, const sxs_pair *pairs,
                       size_t count) {
  struct sxs_xml_state *x = w->xml;
  xmlTextWriterPtr tw = x->tw;
  size_t replaced = 0;
  char file_id[32];
  snprintf(file_id, sizeof file_id, "f%lu", ++x->files_written);
  check(w, xmlTextWriterStartElement(tw, X("file")));
  check(w, xmlTextWriterWriteAttribute(tw, X("id"), X(file_id)));
  const char *original = clean(w, &w->scratch, file, strlen(file), &replaced);
  check(w, xmlTextWriterWriteAttribute(tw, X("original"), X(original)));
  sxs_extract_warn_replaced(w, file, NULL, 0, 0, replaced);
  sxs_strset_clear(&x->unit_ids);
  sxs_strmap_free(&x->unit_suffix, NULL);
  for (size_t i = 0; i < count && !w->failed; i++) {
    const sxs_pair *pair = &pairs[i];
    unit_id(w, file, pair, data + pair->id.start,
            pair->id.end - pair->id.start);
    check(w, xmlTextWriterStartElement(tw, X("unit")));
    check(w, xmlTextWriterWriteAttribute(tw, X("id"), X(x->unit_id.data)));
    const char *source = data + pair->source.start;
    const char *target = data + pair->target.start;
    size_t source_len = pair->source.end - pair->source.start;
    size_t target_len = pair->target.end - pair->target.start;
    replaced = 0;
    int coded = pair_codes(w, data, pair);
    if (coded < 0) break;
    if (coded) original_data(w, &x->codes, &replaced);
    check(w, xmlTextWriterStartElement(tw, X("segment")));
    check(w, xmlTextWriterWriteAttribute(tw, X("state"), X("translated")));
    side_element(w, "source", source, source_len,
                 coded ? &x->codes.source : NULL, &replaced);
    side_element(w, "target", target, target_len,
                 coded ? &x->codes.target : NULL, &replaced);
    check(w, xmlTextWriterEndElement(tw)); /* segment */
    check(w, xmlTextWriterEndElement(tw)); /* unit */
    sxs_extract_warn_replaced(w, file, x->unit_id.data, pair->line,
                              pair->column, replaced);
    w->pairs++;
  }
  check(w, xmlTextWriterEndElement(tw)); /* file */
}

/* Writes the root, then the pages held back for want of a locale. */
static void xliff_start(sxs_extract_writer *w, const char *file,
                        const char *locale) {
  struct sxs_xml_state *x = w->xml;
  xliff_root(w, file, locale);
  for (size_t i = 0; i < x->held_count && !w->failed; i++) {
    struct held_page *h = &x->held[i];
    xliff_file(w, h->file, h->data, h->pairs, h->count);
  }
  free_held(x);
}

/* Keeps a copy of what xliff_file needs of a page. */
static int hold_page(sxs_extract_writer *w, const char *file,
                     const sxs_page *page) {
  struct sxs_xml_state *x = w->xml;
  struct held_page *grown = sxs_grow(x->held, &x->held_cap, x->held_count,
                                     sizeof *grown, 4);
  if (!grown) goto oom;
  x->held = grown;
  size_t len, count = sxs_page_pair_count(page);
  const char *data = sxs_page_data(page, &len);
  struct held_page h = {strdup(file), malloc(len + 1),
                        malloc(count * sizeof(sxs_pair)), count};
  if (!h.file || !h.data || !h.pairs) {
    free(h.file);
    free(h.data);
    free(h.pairs);
    goto oom;
  }
  memcpy(h.data, data, len);
  h.data[len] = '\0';
  memcpy(h.pairs, sxs_page_pairs(page), count * sizeof(sxs_pair));
  x->held[x->held_count++] = h;
  return 0;
oom:
  sxs_extract_fail(w, "out of memory");
  return -1;
}

static int xliff_add_page(sxs_extract_writer *w, const char *file,
                          const sxs_page *page) {
  struct sxs_xml_state *x = w->xml;
  const char *locale = sxs_page_locale(page);
  size_t count = sxs_page_pair_count(page);
  if (!x->root_written) {
    /* trgLang is the first locale a page names; pages before it that name
     * none (a TOC.md) are held until then: the root must come first. */
    if (!locale[0]) return count ? hold_page(w, file, page) : 0;
    xliff_start(w, file, locale);
  } else if (locale[0] && strcmp(locale, x->trg_lang) != 0 && count) {
    fprintf(stderr,
            "sxs: %s: warning: locale '%s' differs from the XLIFF trgLang "
            "'%s' [mixed-locales]\n",
            file, locale, x->trg_lang);
  }
  if (count == 0 || w->failed) return w->failed ? -1 : 0;
  size_t data_len;
  const char *data = sxs_page_data(page, &data_len);
  xliff_file(w, file, data, sxs_page_pairs(page), count);
  return w->failed ? -1 : 0;
}

static int tmx_add_page(sxs_extract_writer *w, const char *file,
                        const sxs_page *page) {
  struct sxs_xml_state *x = w->xml;
  xmlTextWriterPtr tw = x->tw;
  size_t count = sxs_page_pair_count(page);
  if (count == 0) return 0;
  size_t data_len, replaced = 0;
  const char *data = sxs_page_data(page, &data_len);
  const sxs_pair *pairs = sxs_page_pairs(page);
  /* The file name and locale are the same for every tu of the page: clean
   * them once, into scratch2 (path, then locale after its NUL). */
  const char *locale = sxs_page_locale(page);
  if (!locale[0]) {
    fprintf(stderr,
            "sxs: %s: warning: no ms.contentlocale; TMX target language "
            "written as 'und' [no-locale]\n",
            file);
    locale = "und";
  }
  sxs_buf *meta = &w->scratch2;
  sxs_buf_clear(meta);
  size_t r1 = sxs_extract_clean(file, strlen(file), SXS_CLEAN_XML, meta);
  size_t locale_at = meta->len + 1;
  meta->len = locale_at;
  size_t r2 = sxs_extract_clean(locale, strlen(locale), SXS_CLEAN_XML, meta);
  if (r1 == (size_t)-1 || r2 == (size_t)-1) {
    sxs_extract_fail(w, "out of memory");
    return -1;
  }
  sxs_extract_warn_replaced(w, file, NULL, 0, 0, r1 + r2);
  const char *path = meta->data;
  const char *target_lang = meta->data + locale_at;

  for (size_t i = 0; i < count && !w->failed; i++) {
    const sxs_pair *pair = &pairs[i];
    replaced = 0;
    const char *id = clean(w, &w->scratch, data + pair->id.start,
                           pair->id.end - pair->id.start, &replaced);
    check(w, xmlTextWriterStartElement(tw, X("tu")));
    check(w, xmlTextWriterWriteAttribute(tw, X("tuid"), X(id)));
    check(w, xmlTextWriterStartElement(tw, X("prop")));
    check(w, xmlTextWriterWriteAttribute(tw, X("type"), X("x-file")));
    check(w, xmlTextWriterWriteString(tw, X(path)));
    check(w, xmlTextWriterEndElement(tw));
    check(w, xmlTextWriterStartElement(tw, X("prop")));
    check(w, xmlTextWriterWriteAttribute(tw, X("type"), X("x-line")));
    check(w, xmlTextWriterWriteFormatString(tw, "%u", pair->line));
    check(w, xmlTextWriterEndElement(tw));

    const char *source = data + pair->source.start;
    const char *target = data + pair->target.start;
    size_t source_len = pair->source.end - pair->source.start;
    size_t target_len = pair->target.end - pair->target.start;
    int coded = pair_codes(w, data, pair);
    if (coded < 0) break;
    tmx_tuv(w, SXS_SOURCE_LOCALE, source, source_len,
            coded ? &x->codes.source : NULL, &replaced);
    tmx_tuv(w, target_lang, target, target_len,
            coded ? &x->codes.target : NULL, &replaced);
    check(w, xmlTextWriterEndElement(tw)); /* tu */
    if (replaced) {
      /* The id in the warning must be printable: clean it again. */
      size_t ignored = 0;
      const char *shown = clean(w, &w->scratch, data + pair->id.start,
                                pair->id.end - pair->id.start, &ignored);
      sxs_extract_warn_replaced(w, file, shown, pair->line, pair->column,
                                replaced);
    }
    w->pairs++;
  }
  return w->failed ? -1 : 0;
}

int sxs_xml_add_page(sxs_extract_writer *w, const char *file,
                     const sxs_page *page) {
  if (w->format == SXS_FORMAT_TMX) return tmx_add_page(w, file, page);
  return xliff_add_page(w, file, page);
}

int sxs_xml_finish(sxs_extract_writer *w) {
  struct sxs_xml_state *x = w->xml;
  if (w->format == SXS_FORMAT_XLIFF && !x->root_written && x->held_count)
    xliff_start(w, x->held[0].file, ""); /* no page named a locale */
  if (w->format == SXS_FORMAT_XLIFF && x->files_written == 0) {
    sxs_extract_fail(w,
                     "no pairs to write: an XLIFF document needs at least one "
                     "unit");
    return -1;
  }
  check(w, xmlTextWriterEndDocument(x->tw)); /* closes every open element */
  check(w, xmlTextWriterFlush(x->tw));
  return w->failed ? -1 : 0;
}

void sxs_xml_free(sxs_extract_writer *w) {
  struct sxs_xml_state *x = w->xml;
  if (x->tw) xmlFreeTextWriter(x->tw); /* flushes; the FILE stays open */
  free(x->trg_lang);
  free_held(x);
  sxs_strset_free(&x->unit_ids);
  sxs_strmap_free(&x->unit_suffix, NULL);
  sxs_buf_free(&x->unit_id);
  sxs_unit_codes_free(&x->codes);
  free(x);
  w->xml = NULL;
}
