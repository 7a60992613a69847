/* Glossaries for sxs check: TBX (ISO 30042, both the 2008 termEntry/langSet
 * shape and the 2019 conceptEntry/langSec shape) or CSV (term,translation
 * [,note], RFC 4180 quoting, an optional header line). A translation equal
 * to its term marks a do-not-translate term.
 *
 * A glossary comes from outside: TBX is read with the reader merge uses for
 * XLIFF and TMX (xml_input.h: no DTD loading, no entity substitution, no
 * network, no internal subset, bounded size and depth); an external DTD
 * is named but never loaded, and a glossary that would need it (an entity
 * reference) is refused. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "grow.h"
#include "check_internal.h"
#include "sxs/sxs_io.h"
#include "xml_input.h"

/* Every glossary diagnostic ends with this code. */
#define GLOSSARY_CODE "[unreadable-glossary]"

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
  check_term *grown = sxs_grow(g->terms, &g->cap, g->count, sizeof *grown, 32);
  if (!grown) return -1;
  g->terms = grown;
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
               "%s:%u:1: error: a glossary line needs term,translation"
               "[,note] " GLOSSARY_CODE,
               path, line);
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

/* The first entity reference left in the tree, walked without recursion. */
static const xmlNode *first_entity_reference(const xmlDoc *doc) {
  const xmlNode *n = doc->children;
  while (n) {
    if (n->type == XML_ENTITY_REF_NODE) return n;
    if (n->children && n->type == XML_ELEMENT_NODE) {
      n = n->children;
      continue;
    }
    while (n && !n->next) {
      n = n->parent;
      if (n && n->type == XML_DOCUMENT_NODE) n = NULL;
    }
    if (n) n = n->next;
  }
  return NULL;
}

/* Line and column of the <!DOCTYPE of a well-formed document: the prolog
 * before it holds only white space, the XML declaration, processing
 * instructions and comments. 1:1 if it is not found. */
static void doctype_position(const char *data, size_t len, unsigned *line,
                             unsigned *column) {
  size_t i = 0;
  while (i < len) {
    const char *rest = data + i;
    size_t left = len - i;
    const char *close = NULL;
    if (left >= 9 && memcmp(rest, "<!DOCTYPE", 9) == 0) break;
    if (left >= 2 && memcmp(rest, "<?", 2) == 0)
      close = strstr(rest, "?>");
    else if (left >= 4 && memcmp(rest, "<!--", 4) == 0)
      close = strstr(rest + 4, "-->");
    if (close) {
      i = (size_t)(close - data) + (rest[1] == '?' ? 2 : 3);
    } else if (*rest == '<') {
      i = len; /* the root element: no DOCTYPE before it */
    } else {
      i++;
    }
  }
  if (i >= len) i = 0;
  unsigned l = 1, c = 1;
  for (size_t k = 0; k < i; k++) {
    if (data[k] == '\n') {
      l++;
      c = 1;
    } else if (((unsigned char)data[k] & 0xC0) != 0x80) {
      c++;
    }
  }
  *line = l;
  *column = c;
}

static int load_tbx(check_glossary *g, const char *path, const char *data,
                    size_t len, const char *locale, char *err,
                    size_t errsize) {
  unsigned line = 0, column = 0;
  char why[400];
  xmlDoc *doc = sxs_xml_read(data, len, &line, &column, why, sizeof why);
  if (!doc) {
    if (line)
      snprintf(err, errsize, "%s:%u:%u: error: unusable TBX glossary: %s " GLOSSARY_CODE,
               path, line, column ? column : 1, why);
    else
      snprintf(err, errsize, "%s: error: unusable TBX glossary: %s " GLOSSARY_CODE,
               path, why);
    return -1;
  }
  /* The reader never loads an external DTD (TBX 2008 files name one as a
   * matter of course), so an entity that only the DTD could define stays
   * unexpanded: such a glossary is refused rather than read with holes. */
  xmlDtd *dtd = doc->intSubset;
  const xmlNode *ref = dtd ? first_entity_reference(doc) : NULL;
  if (ref) {
    doctype_position(data, len, &line, &column);
    snprintf(err, errsize,
             "%s:%u:%u: error: unusable TBX glossary: it uses the entity "
             "'&%.100s;', which only its DTD ('%.200s') could define, and "
             "DTDs are never loaded " GLOSSARY_CODE,
             path, line, column, ref->name ? (const char *)ref->name : "",
             dtd->SystemID ? (const char *)dtd->SystemID
             : dtd->ExternalID ? (const char *)dtd->ExternalID : "");
    xmlFreeDoc(doc);
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
    snprintf(err, errsize, "%s: error: %s " GLOSSARY_CODE, path, reason);
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
