/* Reading translation files for merge: XLIFF 2.x, TMX 1.4 and PO. */
#include <ctype.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gettext-po.h>
#include <libxml/tree.h>

#include "grow.h"
#include "merge_internal.h"
#include "sxs/sxs_io.h"
#include "xml_input.h"

char *sxs_normalize_path(const char *path) {
  size_t n = strlen(path);
  char *out = malloc(n + 1);
  if (!out) return NULL;
  size_t o = 0;
  const char *p = path;
  if (*p == '/') out[o++] = *p++;
  while (*p) {
    const char *slash = strchr(p, '/');
    size_t seg = slash ? (size_t)(slash - p) : strlen(p);
    if (seg == 0 || (seg == 1 && p[0] == '.')) {
      /* "//" or "./": nothing to keep */
    } else {
      if (o > 0 && out[o - 1] != '/') out[o++] = '/';
      memcpy(out + o, p, seg);
      o += seg;
    }
    p += seg;
    if (*p == '/') p++;
  }
  out[o] = '\0';
  return out;
}

static char *dup_bytes(const char *s, size_t n) {
  char *d = malloc(n + 1);
  if (!d) return NULL;
  memcpy(d, s, n);
  d[n] = '\0';
  return d;
}

static char *dup_str(const char *s) { return s ? dup_bytes(s, strlen(s)) : NULL; }

static sxs_tunit *new_unit(sxs_tfile *tf) {
  sxs_tunit *grown = sxs_grow(tf->units, &tf->cap, tf->count, sizeof *grown,
                              256);
  if (!grown) return NULL;
  tf->units = grown;
  sxs_tunit *u = &tf->units[tf->count++];
  memset(u, 0, sizeof *u);
  return u;
}

/* Fills a unit's strings (copied); file is normalized. */
static int set_unit(sxs_tunit *u, const char *file, const char *id,
                    const char *source, size_t source_len, const char *target,
                    size_t target_len, const char *lang) {
  u->file = file ? sxs_normalize_path(file) : dup_str("");
  u->id = dup_str(id ? id : "");
  if (source) {
    u->source = dup_bytes(source, source_len);
    u->source_len = source_len;
  }
  /* An empty translation is no translation: PO's untranslated msgstr "",
   * a CAT tool's empty <target/>. It never empties a page's TARGET. */
  if (target && target_len > 0) {
    u->target = dup_bytes(target, target_len);
    u->target_len = target_len;
  }
  u->lang = lang ? dup_str(lang) : NULL;
  if (!u->file || !u->id || (source && !u->source) ||
      (target && target_len > 0 && !u->target) || (lang && !u->lang))
    return -1;
  return 0;
}

/* ---- XLIFF 2.x ---------------------------------------------------------- */

static const char *const xliff_transparent[] = {"mrk", NULL};

/* A unit's inline codes and the <originalData> they refer to. */
typedef struct xliff_codes {
  const xmlNode *original_data;
  int depth;
  const char *problem; /* why the last refused code was refused */
} xliff_codes;

/* Appends the text of <data id="ref"> of the unit's <originalData>. */
static int append_data(xliff_codes *codes, const char *ref, sxs_buf *out) {
  if (!ref) {
    codes->problem = "an inline code without dataRef: the markup it stands "
                     "for is not in the file (sxs reads <ph>, <pc>, <sc> and "
                     "<ec> that refer to the unit's <originalData>)";
    return -1;
  }
  const xmlNode *data = NULL;
  if (codes->original_data)
    for (data = codes->original_data->children; data; data = data->next) {
      const char *id = sxs_xml_attr(data, "id");
      if (sxs_xml_is(data, "data") && id && strcmp(id, ref) == 0) break;
    }
  if (!data) {
    codes->problem = "an inline code refers to a <data> that the unit's "
                     "<originalData> does not have";
    return -1;
  }
  const xmlNode *bad = NULL;
  if (sxs_xml_text(data, NULL, out, &bad) < 0) {
    codes->problem = "a <data> of <originalData> holds an element other than "
                     "<cp>";
    return -1;
  }
  return 0;
}

/* XLIFF 2 inline codes that carry their original data are put back as the
 * markup they stand for, which is what a CAT tool that protects the
 * Markdown and HTML of a segment writes; markers of annotations (<sm>,
 * <em>) stand for nothing. */
static int xliff_code_text(void *ctx, const xmlNode *el, sxs_buf *out) {
  xliff_codes *codes = ctx;
  if (sxs_xml_is(el, "ph") || sxs_xml_is(el, "sc") || sxs_xml_is(el, "ec"))
    return append_data(codes, sxs_xml_attr(el, "dataRef"), out);
  if (sxs_xml_is(el, "sm") || sxs_xml_is(el, "em")) return 0;
  if (!sxs_xml_is(el, "pc")) {
    codes->problem = "an inline element that sxs cannot turn back into "
                     "Markdown (it reads text, <mrk>, <cp>, <sm>, <em>, and "
                     "<ph>, <pc>, <sc> and <ec> with their <originalData>)";
    return -1;
  }
  if (codes->depth >= 64) {
    codes->problem = "inline codes nested more than 64 deep";
    return -1;
  }
  if (append_data(codes, sxs_xml_attr(el, "dataRefStart"), out) < 0)
    return -1;
  const xmlNode *bad = NULL;
  codes->depth++;
  int rc = sxs_xml_text_with(el, xliff_transparent, xliff_code_text, codes,
                             out, &bad);
  codes->depth--;
  if (rc < 0) return -1;
  return append_data(codes, sxs_xml_attr(el, "dataRefEnd"), out);
}

/* Appends the text of the <source> or <target> children of each segment and
 * ignorable of unit, in order. Returns 1 if every part had one, 0 if some
 * did not, -1 on an element that cannot be turned back into bytes (*why
 * then says why). */
static int xliff_unit_text(const xmlNode *unit, const char *which,
                           sxs_buf *out, const xmlNode **bad,
                           const char **why) {
  xliff_codes codes = {NULL, 0, NULL};
  for (const xmlNode *c = unit->children; c; c = c->next)
    if (sxs_xml_is(c, "originalData")) codes.original_data = c;
  int complete = 1, any = 0;
  for (const xmlNode *part = unit->children; part; part = part->next) {
    if (!sxs_xml_is(part, "segment") && !sxs_xml_is(part, "ignorable"))
      continue;
    const xmlNode *t = part->children;
    while (t && !sxs_xml_is(t, which)) t = t->next;
    if (!t) {
      /* An ignorable without a target keeps its source on both sides. */
      if (sxs_xml_is(part, "ignorable") && strcmp(which, "target") == 0) {
        t = part->children;
        while (t && !sxs_xml_is(t, "source")) t = t->next;
      }
      if (!t) {
        complete = 0;
        continue;
      }
    }
    any = 1;
    if (sxs_xml_text_with(t, xliff_transparent, xliff_code_text, &codes, out,
                          bad) < 0) {
      *why = codes.problem;
      return -1;
    }
  }
  return complete && any;
}

static int xliff_walk(sxs_tfile *tf, const xmlNode *node, const char *file,
                      const char *lang, int depth) {
  for (const xmlNode *c = node->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (sxs_xml_is(c, "file")) {
      if (xliff_walk(tf, c, sxs_xml_attr(c, "original"), lang, depth + 1) < 0)
        return -1;
    } else if (sxs_xml_is(c, "group") && depth < 32) {
      if (xliff_walk(tf, c, file, lang, depth + 1) < 0) return -1;
    } else if (sxs_xml_is(c, "unit")) {
      sxs_tunit *u = new_unit(tf);
      if (!u) return -1;
      u->line = (unsigned)xmlGetLineNo(c);
      sxs_buf src = SXS_BUF_INIT, tgt = SXS_BUF_INIT;
      const xmlNode *bad = NULL;
      const char *why = NULL;
      int has_src = xliff_unit_text(c, "source", &src, &bad, &why);
      int has_tgt =
          has_src < 0 ? -1 : xliff_unit_text(c, "target", &tgt, &bad, &why);
      int rc = set_unit(u, file, sxs_xml_attr(c, "id"),
                        has_src > 0 ? (src.data ? src.data : "") : NULL,
                        src.len, has_tgt > 0 ? (tgt.data ? tgt.data : "") : NULL,
                        tgt.len, lang);
      sxs_buf_free(&src);
      sxs_buf_free(&tgt);
      if (rc < 0) return -1;
      if (!file)
        u->problem = "unit outside a <file original=\"PAGE\">";
      else if (!sxs_xml_attr(c, "id"))
        u->problem = "unit without id";
      else if (bad)
        u->problem = why ? why : "a <cp> that is not a character XML allows";
      else if (has_src < 0 || has_tgt < 0)
        return -1; /* out of memory */
    }
  }
  return 0;
}

/* ---- TMX 1.4 ------------------------------------------------------------ */

/* TMX inline elements carry the native code as their text, so their text
 * is the original bytes. */
static const char *const tmx_transparent[] = {"bpt", "ept", "it",  "ph",
                                              "hi",  "ut",  "sub", NULL};

int sxs_lang_equal(const char *a, const char *b) {
  for (; *a && *b; a++, b++) {
    char ca = *a == '_' ? '-' : (char)tolower((unsigned char)*a);
    char cb = *b == '_' ? '-' : (char)tolower((unsigned char)*b);
    if (ca != cb) return 0;
  }
  return *a == *b;
}

static int tmx_read(sxs_tfile *tf, const xmlNode *root) {
  const char *srclang = NULL;
  const xmlNode *body = NULL;
  for (const xmlNode *c = root->children; c; c = c->next) {
    if (sxs_xml_is(c, "header")) srclang = sxs_xml_attr(c, "srclang");
    if (sxs_xml_is(c, "body")) body = c;
  }
  if (!srclang || strcmp(srclang, "*all*") == 0) srclang = "en-US";
  if (!body) return 0;
  for (const xmlNode *tu = body->children; tu; tu = tu->next) {
    if (!sxs_xml_is(tu, "tu")) continue;
    const char *file = NULL;
    unsigned page_line = 0;
    const xmlNode *source_tuv = NULL;
    size_t targets = 0;
    for (const xmlNode *c = tu->children; c; c = c->next) {
      if (sxs_xml_is(c, "prop")) {
        const char *type = sxs_xml_attr(c, "type");
        if (type && strcmp(type, "x-file") == 0 && c->children &&
            c->children->type == XML_TEXT_NODE)
          file = (const char *)c->children->content;
        if (type && strcmp(type, "x-line") == 0 && c->children &&
            c->children->type == XML_TEXT_NODE)
          page_line = (unsigned)strtoul((const char *)c->children->content,
                                        NULL, 10);
      } else if (sxs_xml_is(c, "tuv")) {
        const char *lang = sxs_xml_lang(c);
        if (lang && sxs_lang_equal(lang, srclang) && !source_tuv)
          source_tuv = c;
        else
          targets++;
      }
    }
    const xmlNode *bad = NULL;
    sxs_buf src = SXS_BUF_INIT;
    int src_ok = 0;
    if (source_tuv)
      for (const xmlNode *s = source_tuv->children; s; s = s->next)
        if (sxs_xml_is(s, "seg")) {
          src_ok = sxs_xml_text(s, tmx_transparent, &src, &bad) == 0;
          break;
        }
    /* One unit per target language, so that an aligned TMX (several
     * targets per tu) can feed each locale's pages. */
    for (const xmlNode *c = tu->children; c || targets == 0; c = c ? c->next : NULL) {
      if (c && (!sxs_xml_is(c, "tuv") || c == source_tuv)) continue;
      sxs_tunit *u = new_unit(tf);
      if (!u) {
        sxs_buf_free(&src);
        return -1;
      }
      u->line = (unsigned)xmlGetLineNo(c ? c : tu);
      u->page_line = page_line;
      sxs_buf tgt = SXS_BUF_INIT;
      int tgt_ok = 0;
      const xmlNode *tbad = NULL;
      if (c)
        for (const xmlNode *s = c->children; s; s = s->next)
          if (sxs_xml_is(s, "seg")) {
            tgt_ok = sxs_xml_text(s, tmx_transparent, &tgt, &tbad) == 0;
            break;
          }
      int rc = set_unit(u, file, sxs_xml_attr(tu, "tuid"),
                        src_ok ? (src.data ? src.data : "") : NULL, src.len,
                        tgt_ok ? (tgt.data ? tgt.data : "") : NULL, tgt.len,
                        c ? sxs_xml_lang(c) : NULL);
      sxs_buf_free(&tgt);
      if (rc < 0) {
        sxs_buf_free(&src);
        return -1;
      }
      if (!file)
        u->problem = "tu without <prop type=\"x-file\">";
      else if (!sxs_xml_attr(tu, "tuid"))
        u->problem = "tu without tuid";
      else if (bad || tbad)
        u->problem = "element in <seg> that sxs cannot read";
      if (!c) break;
    }
    sxs_buf_free(&src);
  }
  return 0;
}

/* ---- PO ------------------------------------------------------------------ */

/* libgettextpo's error handler has no context argument; reading is done by
 * one thread at a time per handler, so the state is thread-local. */
static _Thread_local struct {
  jmp_buf jump;
  char message[512];
  int errors;
} po_state;

static void po_xerror(int severity, po_message_t message, const char *filename,
                      size_t lineno, size_t column, int multiline_p,
                      const char *message_text) {
  (void)message;
  (void)multiline_p;
  if (severity != PO_SEVERITY_WARNING && po_state.errors++ == 0) {
    const char *text = message_text ? message_text : "error";
    /* "LINE:COL: text" like the XML reader; (size_t)-1 means unknown. */
    if (filename && lineno != (size_t)-1)
      snprintf(po_state.message, sizeof po_state.message, "%zu:%zu: %s",
               lineno, column == (size_t)-1 || column == 0 ? 1 : column, text);
    else
      snprintf(po_state.message, sizeof po_state.message, "%s", text);
  }
  if (severity == PO_SEVERITY_FATAL_ERROR) longjmp(po_state.jump, 1);
}

static void po_xerror2(int severity, po_message_t message1,
                       const char *filename1, size_t lineno1, size_t column1,
                       int multiline_p1, const char *message_text1,
                       po_message_t message2, const char *filename2,
                       size_t lineno2, size_t column2, int multiline_p2,
                       const char *message_text2) {
  (void)message2;
  (void)filename2;
  (void)lineno2;
  (void)column2;
  (void)multiline_p2;
  (void)message_text2;
  po_xerror(severity, message1, filename1, lineno1, column1, multiline_p1,
            message_text1);
}

static int po_read(sxs_tfile *tf, const char *path, char *err,
                   size_t errsize) {
  static const struct po_xerror_handler handler = {po_xerror, po_xerror2};
  po_state.errors = 0;
  po_state.message[0] = '\0';
  po_file_t volatile file = NULL;
  if (setjmp(po_state.jump) != 0) {
    snprintf(err, errsize, "%s", po_state.message);
    return -2;
  }
  file = po_file_read(path, &handler);
  if (!file || po_state.errors) {
    snprintf(err, errsize, "%s",
             po_state.message[0] ? po_state.message : "cannot read PO file");
    if (file) po_file_free(file);
    return -2;
  }
  const char *const *domains = po_file_domains(file);
  for (; domains && *domains; domains++) {
    /* Declared const, but libgettextpo returns a fresh copy (xstrdup) that
     * the caller must free. */
    char *header = (char *)po_file_domain_header(file, *domains);
    char *lang = header ? po_header_field(header, "Language") : NULL;
    free(header);
    po_message_iterator_t it = po_message_iterator(file, *domains);
    po_message_t m;
    while ((m = po_next_message(it)) != NULL) {
      if (po_message_is_obsolete(m)) continue;
      const char *ctxt = po_message_msgctxt(m);
      const char *msgid = po_message_msgid(m);
      if (!ctxt && msgid[0] == '\0') continue; /* the header */
      po_filepos_t pos = po_message_filepos(m, 0);
      sxs_tunit *u = new_unit(tf);
      const char *msgstr = po_message_msgstr(m);
      /* A fuzzy entry is a guess the translator did not confirm. */
      int fuzzy = po_message_is_fuzzy(m);
      if (!u || set_unit(u, pos ? po_filepos_file(pos) : NULL, ctxt, msgid,
                         strlen(msgid), fuzzy ? NULL : msgstr,
                         fuzzy ? 0 : strlen(msgstr),
                         lang && *lang ? lang : NULL) < 0) {
        po_message_iterator_free(it);
        free(lang);
        po_file_free(file);
        snprintf(err, errsize, "out of memory");
        return -1;
      }
      if (pos) u->page_line = (unsigned)po_filepos_start_line(pos);
      if (!pos)
        u->problem = "entry without a \"#:\" reference naming its page";
      else if (!ctxt)
        u->problem = "entry without msgctxt (the pair id)";
    }
    po_message_iterator_free(it);
    free(lang);
  }
  po_file_free(file);
  return 0;
}

/* ---- the file ------------------------------------------------------------ */

static int index_units(sxs_tfile *tf) {
  sxs_buf key = SXS_BUF_INIT;
  for (size_t i = 0; i < tf->count; i++) {
    sxs_tunit *u = &tf->units[i];
    sxs_strmap_entry *pe = sxs_strmap_put(&tf->pages, u->file, strlen(u->file));
    if (!pe) goto oom;
    if (!pe->value && !(pe->value = calloc(1, sizeof(sxs_unit_list))))
      goto oom;
    sxs_unit_list *list = pe->value;
    size_t *grown = sxs_grow(list->index, &list->cap, list->count,
                             sizeof *grown, 16);
    if (!grown) goto oom;
    list->index = grown;
    list->index[list->count++] = i;
    sxs_buf_clear(&key);
    sxs_buf_puts(&key, u->file);
    sxs_buf_putc(&key, '\0');
    sxs_buf_puts(&key, u->id);
    /* Units of one id are one pair unless their SOURCEs or their lines
     * differ: a PO is keyed by msgctxt and msgid, and a damaged page can
     * repeat an id, even with its SOURCE (TMX says the line in x-line). */
    sxs_buf_putc(&key, '\0');
    if (u->lang) sxs_buf_puts(&key, u->lang);
    sxs_buf_putc(&key, '\0');
    if (u->source) sxs_buf_append(&key, u->source, u->source_len);
    sxs_buf_putc(&key, '\0');
    sxs_buf_printf(&key, "%u", u->page_line);
    if (key.failed) goto oom;
    sxs_strmap_entry *e = sxs_strmap_put(&tf->units_by_key, key.data, key.len);
    if (!e) goto oom;
    if (!e->value) {
      e->value = (void *)(uintptr_t)(i + 1);
      continue;
    }
    sxs_tunit *first = &tf->units[(uintptr_t)e->value - 1];
    u->used = 1;
    int same = (first->target == NULL) == (u->target == NULL) &&
               (!u->target || (first->target_len == u->target_len &&
                               memcmp(first->target, u->target,
                                      u->target_len) == 0));
    if (!same && !first->problem)
      first->problem = "the file has two different translations for this pair";
  }
  sxs_buf_free(&key);
  return 0;
oom:
  sxs_buf_free(&key);
  return -1;
}

sxs_tfile *sxs_tfile_read(const char *path, char *err, size_t errsize) {
  char *data = NULL;
  size_t len = 0;
  if (sxs_read_file(path, &data, &len, err, errsize) < 0) return NULL;
  sxs_tfile *tf = calloc(1, sizeof *tf);
  if (!tf || !(tf->path = dup_str(path))) {
    free(tf);
    free(data);
    snprintf(err, errsize, "out of memory");
    return NULL;
  }
  size_t i = 0;
  if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) i = 3;
  while (i < len && isspace((unsigned char)data[i])) i++;
  int rc = 0;
  if (i < len && data[i] == '<') {
    unsigned line, column;
    char why[400];
    xmlDocPtr doc = sxs_xml_read(data, len, &line, &column, why, sizeof why);
    if (!doc) {
      if (line)
        snprintf(err, errsize, "%u:%u: %s", line, column ? column : 1, why);
      else
        snprintf(err, errsize, "%s", why);
      rc = -2;
    } else {
      xmlNode *root = xmlDocGetRootElement(doc);
      if (sxs_xml_is(root, "xliff")) {
        const char *version = sxs_xml_attr(root, "version");
        if (!version || version[0] != '2') {
          snprintf(err, errsize,
                   "XLIFF version %s: only XLIFF 2.x is read",
                   version ? version : "(none)");
          rc = -2;
        } else {
          tf->format = SXS_FORMAT_XLIFF;
          rc = xliff_walk(tf, root, NULL, sxs_xml_attr(root, "trgLang"), 0);
        }
      } else if (sxs_xml_is(root, "tmx")) {
        tf->format = SXS_FORMAT_TMX;
        rc = tmx_read(tf, root);
      } else {
        snprintf(err, errsize,
                 "root element <%s>: not XLIFF 2.x (<xliff>) nor TMX (<tmx>)",
                 root ? (const char *)root->name : "");
        rc = -2;
      }
      xmlFreeDoc(doc);
    }
  } else {
    tf->format = SXS_FORMAT_PO;
    rc = po_read(tf, path, err, errsize);
  }
  free(data);
  if (rc == -1 || (rc == 0 && index_units(tf) < 0)) {
    snprintf(err, errsize, "out of memory");
    rc = -2;
  }
  if (rc < 0) {
    sxs_tfile_free(tf);
    return NULL;
  }
  return tf;
}

static void free_unit_list(void *p) {
  sxs_unit_list *list = p;
  if (list) free(list->index);
  free(list);
}

void sxs_tfile_free(sxs_tfile *tf) {
  if (!tf) return;
  for (size_t i = 0; i < tf->count; i++) {
    sxs_tunit *u = &tf->units[i];
    free((char *)u->file);
    free((char *)u->id);
    free((char *)u->source);
    free((char *)u->target);
    free((char *)u->lang);
  }
  free(tf->units);
  sxs_strmap_free(&tf->pages, free_unit_list);
  sxs_strmap_free(&tf->units_by_key, NULL);
  free(tf->path);
  free(tf);
}

sxs_format sxs_tfile_format(const sxs_tfile *tf) { return tf->format; }
const char *sxs_tfile_path(const sxs_tfile *tf) { return tf->path; }
size_t sxs_tfile_unit_count(const sxs_tfile *tf) { return tf->count; }
sxs_tunit *sxs_tfile_unit(sxs_tfile *tf, size_t i) {
  return i < tf->count ? &tf->units[i] : NULL;
}

int sxs_tfile_has_page(const sxs_tfile *tf, const char *path) {
  char *norm = sxs_normalize_path(path);
  if (!norm) return 0;
  int found = sxs_strmap_get(&tf->pages, norm, strlen(norm)) != NULL;
  free(norm);
  return found;
}
