/* Glossaries for sxs check: TBX (ISO 30042, both the 2008 termEntry/langSet
 * shape and the 2019 conceptEntry/langSec shape, read with libxml2) or CSV
 * (term,translation[,note], RFC 4180 quoting, an optional header line). A
 * translation equal to its term marks a do-not-translate term. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "check_internal.h"
#include "sxs/sxs_io.h"

static char *dup_str(const char *s) {
  size_t n = strlen(s);
  char *d = malloc(n + 1);
  if (d) memcpy(d, s, n + 1);
  return d;
}

static char *fold_dup(const char *s) {
  sxs_buf b = SXS_BUF_INIT;
  check_fold(s, strlen(s), &b);
  check_cstr(&b);
  if (!b.data) return dup_str("");
  return b.data;
}

static int add_term(check_glossary *g, const char *term,
                    const char *translation, const char *note,
                    const char *language) {
  while (*term == ' ') term++;
  while (*translation == ' ') translation++;
  if (!*term || !*translation) return 0;
  if (g->count == g->cap) {
    size_t cap = g->cap ? g->cap * 2 : 32;
    check_term *t = realloc(g->terms, cap * sizeof *t);
    if (!t) return -1;
    g->terms = t;
    g->cap = cap;
  }
  check_term *t = &g->terms[g->count++];
  t->term = dup_str(term);
  t->translation = dup_str(translation);
  t->note = dup_str(note ? note : "");
  t->language = dup_str(language ? language : "");
  t->term_fold = fold_dup(term);
  t->translation_fold = fold_dup(translation);
  t->do_not_translate = strcmp(term, translation) == 0;
  return 0;
}

void check_glossary_free(check_glossary *g) {
  for (size_t i = 0; i < g->count; i++) {
    free(g->terms[i].term);
    free(g->terms[i].translation);
    free(g->terms[i].note);
    free(g->terms[i].language);
    free(g->terms[i].term_fold);
    free(g->terms[i].translation_fold);
  }
  free(g->terms);
  memset(g, 0, sizeof *g);
}

/* ---- CSV -------------------------------------------------------------- */

/* Reads one field at *p; returns its malloc'd text, advancing past the
 * separator. *eol is set at the end of a record. */
static char *csv_field(const char **p, const char *end, int *eol) {
  sxs_buf b = SXS_BUF_INIT;
  const char *s = *p;
  *eol = 0;
  if (s < end && *s == '"') {
    s++;
    while (s < end) {
      if (*s == '"') {
        if (s + 1 < end && s[1] == '"') {
          sxs_buf_putc(&b, '"');
          s += 2;
          continue;
        }
        s++;
        break;
      }
      sxs_buf_putc(&b, *s++);
    }
    while (s < end && *s != ',' && *s != '\n') s++;
  } else {
    while (s < end && *s != ',' && *s != '\n') sxs_buf_putc(&b, *s++);
  }
  if (s >= end || *s == '\n') *eol = 1;
  if (s < end) s++;
  *p = s;
  sxs_buf_putc(&b, '\0');
  if (b.data) {
    size_t n = strlen(b.data);
    while (n && (b.data[n - 1] == '\r' || b.data[n - 1] == ' '))
      b.data[--n] = '\0';
  }
  return b.data;
}

static int load_csv(check_glossary *g, const char *path, const char *data,
                    size_t len, char *err, size_t errsize) {
  const char *p = data, *end = data + len;
  if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) p += 3;
  unsigned line = 0;
  while (p < end) {
    line++;
    char *fields[3] = {NULL, NULL, NULL};
    int n = 0, eol = 0;
    while (!eol && p < end) {
      char *f = csv_field(&p, end, &eol);
      if (n < 3) fields[n++] = f;
      else free(f);
    }
    int blank = n == 0 || (n == 1 && fields[0] && fields[0][0] == '\0');
    int comment = fields[0] && fields[0][0] == '#';
    int header = line == 1 && n >= 2 && fields[0] && fields[1] &&
                 strcmp(fields[0], "term") == 0;
    int bad = !blank && !comment && !header && n < 2;
    if (!blank && !comment && !header && !bad)
      add_term(g, fields[0], fields[1], fields[2], "");
    for (int k = 0; k < 3; k++) free(fields[k]);
    if (bad) {
      snprintf(err, errsize,
               "%s:%u: a glossary line needs term,translation[,note]", path,
               line);
      return -1;
    }
  }
  return 0;
}

/* ---- TBX -------------------------------------------------------------- */

static const char *lang_of(xmlNode *n) {
  static char buf[32];
  xmlChar *l = xmlGetNsProp(n, BAD_CAST "lang", XML_XML_NAMESPACE);
  if (!l) l = xmlGetProp(n, BAD_CAST "lang");
  buf[0] = '\0';
  if (l) {
    size_t i = 0;
    for (; l[i] && i + 1 < sizeof buf; i++)
      buf[i] = (char)tolower(l[i] == '_' ? '-' : l[i]);
    buf[i] = '\0';
    xmlFree(l);
  }
  return buf;
}

static int is_named(xmlNode *n, const char *name) {
  return n->type == XML_ELEMENT_NODE && xmlStrcmp(n->name, BAD_CAST name) == 0;
}

/* The first <term> below n, depth first. */
static xmlNode *first_term(xmlNode *n) {
  for (xmlNode *c = n->children; c; c = c->next) {
    if (is_named(c, "term")) return c;
    if (c->type == XML_ELEMENT_NODE) {
      xmlNode *t = first_term(c);
      if (t) return t;
    }
  }
  return NULL;
}

/* A note for the entry: a descrip, definition or note element. */
static xmlNode *first_note(xmlNode *n) {
  for (xmlNode *c = n->children; c; c = c->next) {
    if (is_named(c, "descrip") || is_named(c, "note") ||
        is_named(c, "definition"))
      return c;
    if (c->type == XML_ELEMENT_NODE && !is_named(c, "langSet") &&
        !is_named(c, "langSec")) {
      xmlNode *t = first_note(c);
      if (t) return t;
    }
  }
  return NULL;
}

static void tbx_entry(check_glossary *g, xmlNode *entry, const char *want) {
  xmlChar *source = NULL;
  xmlNode *note_node = first_note(entry);
  xmlChar *note = note_node ? xmlNodeGetContent(note_node) : NULL;
  /* The English term first, then one entry per other language. */
  for (xmlNode *c = entry->children; c; c = c->next)
    if ((is_named(c, "langSet") || is_named(c, "langSec")) &&
        strncmp(lang_of(c), "en", 2) == 0 && !source) {
      xmlNode *t = first_term(c);
      if (t) source = xmlNodeGetContent(t);
    }
  if (source) {
    for (xmlNode *c = entry->children; c; c = c->next) {
      if (!(is_named(c, "langSet") || is_named(c, "langSec"))) continue;
      const char *lang = lang_of(c);
      if (strncmp(lang, "en", 2) == 0) continue;
      if (want && *want) {
        char wl[16];
        size_t i = 0;
        for (; want[i] && want[i] != '-' && want[i] != '_' && i + 1 < sizeof wl;
             i++)
          wl[i] = (char)tolower((unsigned char)want[i]);
        wl[i] = '\0';
        if (strncmp(lang, wl, strlen(wl)) != 0) continue;
      }
      xmlNode *t = first_term(c);
      if (!t) continue;
      xmlChar *target = xmlNodeGetContent(t);
      if (target)
        add_term(g, (const char *)source, (const char *)target,
                 note ? (const char *)note : "", lang);
      xmlFree(target);
    }
  }
  xmlFree(source);
  xmlFree(note);
}

static void tbx_walk(check_glossary *g, xmlNode *n, const char *want) {
  for (xmlNode *c = n; c; c = c->next) {
    if (is_named(c, "termEntry") || is_named(c, "conceptEntry")) {
      tbx_entry(g, c, want);
      continue;
    }
    if (c->children) tbx_walk(g, c->children, want);
  }
}

static int load_tbx(check_glossary *g, const char *path, const char *data,
                    size_t len, const char *locale, char *err,
                    size_t errsize) {
  xmlDoc *doc = xmlReadMemory(data, (int)len, path, NULL,
                              XML_PARSE_NONET | XML_PARSE_NOERROR |
                                  XML_PARSE_NOWARNING);
  if (!doc) {
    const xmlError *e = xmlGetLastError();
    snprintf(err, errsize, "%s:%d: not well-formed TBX: %s", path,
             e ? e->line : 0, e && e->message ? e->message : "parse error");
    if (err[0]) {
      size_t n = strlen(err);
      if (n && err[n - 1] == '\n') err[n - 1] = '\0';
    }
    return -1;
  }
  tbx_walk(g, xmlDocGetRootElement(doc), locale);
  xmlFreeDoc(doc);
  return 0;
}

int check_glossary_load(check_glossary *g, const char *path,
                        const char *locale, char *err, size_t errsize) {
  char *data;
  size_t len;
  if (sxs_read_file(path, &data, &len, err, errsize) < 0) {
    char reason[200];
    snprintf(reason, sizeof reason, "%s", err);
    snprintf(err, errsize, "%s: %s", path, reason);
    return -1;
  }
  const char *p = data;
  if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) p += 3;
  while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t') p++;
  int r = *p == '<' ? load_tbx(g, path, data, len, locale, err, errsize)
                    : load_csv(g, path, data, len, err, errsize);
  free(data);
  return r;
}
