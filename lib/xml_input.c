#include "xml_input.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

static void set_err(char *err, size_t errsize, const char *msg) {
  if (err && errsize) snprintf(err, errsize, "%s", msg);
}

static void position_of(const char *data, size_t offset, unsigned *line,
                        unsigned *column) {
  unsigned l = 1, c = 1;
  for (size_t i = 0; i < offset; i++) {
    if (data[i] == '\n') {
      l++;
      c = 1;
    } else {
      c++;
    }
  }
  *line = l;
  *column = c;
}

/* libxml2 2.9 has no XML_PARSE_NO_XXE. Without XML_PARSE_NOENT and
 * XML_PARSE_DTDLOAD it neither substitutes entities nor loads an external
 * subset, but it still parses an internal subset and its entity
 * declarations. Neither XLIFF nor TMX needs an internal subset, so any is
 * refused before the parser sees it (a DOCTYPE naming an external DTD, as
 * TMX files often carry, is accepted and ignored). */
static const char *find_internal_subset(const char *data, size_t len) {
  const char *doctype = NULL;
  for (size_t i = 0; i + 9 <= len; i++) {
    if (data[i] != '<') continue;
    if (memcmp(data + i, "<!DOCTYPE", 9) == 0) {
      doctype = data + i;
      break;
    }
    /* The prolog ends at the root element: no DOCTYPE may follow. */
    if (i + 1 < len && data[i + 1] != '?' && data[i + 1] != '!') return NULL;
  }
  if (!doctype) return NULL;
  char quote = 0;
  for (const char *p = doctype + 9; p < data + len; p++) {
    if (quote) {
      if (*p == quote) quote = 0;
    } else if (*p == '"' || *p == '\'') {
      quote = *p;
    } else if (*p == '[') {
      return p;
    } else if (*p == '>') {
      return NULL;
    }
  }
  return NULL;
}

xmlDocPtr sxs_xml_read(const char *data, size_t len, unsigned *line,
                       unsigned *column, char *err, size_t errsize) {
  *line = *column = 0;
  if (len > SXS_XML_MAX_BYTES || len > (size_t)INT32_MAX) {
    set_err(err, errsize, "XML document too large");
    return NULL;
  }
  const char *subset = find_internal_subset(data, len);
  if (subset) {
    position_of(data, (size_t)(subset - data), line, column);
    set_err(err, errsize,
            "internal DTD subset refused (entity declarations are not "
            "accepted)");
    return NULL;
  }
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
  if (!ctxt) {
    set_err(err, errsize, "out of memory");
    return NULL;
  }
  /* Deliberately absent: XML_PARSE_NOENT, XML_PARSE_DTDLOAD,
   * XML_PARSE_DTDATTR, XML_PARSE_DTDVALID, XML_PARSE_XINCLUDE and
   * XML_PARSE_HUGE (which would lift the depth and text size limits). */
  int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES;
  xmlDocPtr doc = xmlCtxtReadMemory(ctxt, data, (int)len, NULL, NULL,
                                    options);
  if (!doc || !ctxt->wellFormed) {
    xmlErrorPtr e = xmlCtxtGetLastError(ctxt);
    if (e && e->message) {
      char msg[512];
      snprintf(msg, sizeof msg, "%s", e->message);
      size_t n = strlen(msg);
      while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' ')) msg[--n] = 0;
      set_err(err, errsize, msg);
      *line = e->line > 0 ? (unsigned)e->line : 0;
      *column = e->int2 > 0 ? (unsigned)e->int2 : 0;
    } else {
      set_err(err, errsize, "not well-formed XML");
    }
    if (doc) xmlFreeDoc(doc);
    xmlFreeParserCtxt(ctxt);
    return NULL;
  }
  xmlFreeParserCtxt(ctxt);
  if (doc->intSubset && (doc->intSubset->entities ||
                         doc->intSubset->pentities)) {
    set_err(err, errsize, "entity declarations are not accepted");
    xmlFreeDoc(doc);
    return NULL;
  }
  return doc;
}

int sxs_xml_is(const xmlNode *node, const char *local_name) {
  return node && node->type == XML_ELEMENT_NODE &&
         strcmp((const char *)node->name, local_name) == 0;
}

const char *sxs_xml_attr(const xmlNode *node, const char *name) {
  for (const xmlAttr *a = node->properties; a; a = a->next) {
    if (a->ns) continue;
    if (strcmp((const char *)a->name, name) != 0) continue;
    const xmlNode *t = a->children;
    if (!t) return "";
    if (t->type == XML_TEXT_NODE && !t->next)
      return t->content ? (const char *)t->content : "";
    return NULL; /* entity references in an attribute: not accepted */
  }
  return NULL;
}

const char *sxs_xml_lang(const xmlNode *node) {
  for (const xmlAttr *a = node->properties; a; a = a->next) {
    if (strcmp((const char *)a->name, "lang") != 0) continue;
    if (a->ns && (!a->ns->href ||
                  strcmp((const char *)a->ns->href,
                         (const char *)XML_XML_NAMESPACE) != 0))
      continue;
    const xmlNode *t = a->children;
    if (t && t->type == XML_TEXT_NODE && t->content)
      return (const char *)t->content;
  }
  return NULL;
}

static int append_code_point(sxs_buf *out, unsigned long cp) {
  char b[4];
  size_t n;
  if (cp < 0x80) {
    b[0] = (char)cp;
    n = 1;
  } else if (cp < 0x800) {
    b[0] = (char)(0xC0 | (cp >> 6));
    b[1] = (char)(0x80 | (cp & 0x3F));
    n = 2;
  } else if (cp < 0x10000) {
    if (cp >= 0xD800 && cp <= 0xDFFF) return -1;
    b[0] = (char)(0xE0 | (cp >> 12));
    b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    b[2] = (char)(0x80 | (cp & 0x3F));
    n = 3;
  } else if (cp <= 0x10FFFF) {
    b[0] = (char)(0xF0 | (cp >> 18));
    b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    b[3] = (char)(0x80 | (cp & 0x3F));
    n = 4;
  } else {
    return -1;
  }
  return sxs_buf_append(out, b, n);
}

static int in_list(const char *name, const char *const *list) {
  for (; list && *list; list++)
    if (strcmp(name, *list) == 0) return 1;
  return 0;
}

static int text_rec(const xmlNode *node, const char *const *transparent,
                    sxs_xml_element_fn element, void *ctx, sxs_buf *out,
                    const xmlNode **bad, int depth) {
  for (const xmlNode *c = node->children; c; c = c->next) {
    switch (c->type) {
      case XML_TEXT_NODE:
      case XML_CDATA_SECTION_NODE:
        if (c->content) sxs_buf_puts(out, (const char *)c->content);
        break;
      case XML_COMMENT_NODE:
      case XML_PI_NODE:
        break;
      case XML_ELEMENT_NODE: {
        const char *name = (const char *)c->name;
        if (strcmp(name, "cp") == 0) {
          const char *hex = sxs_xml_attr(c, "hex");
          char *end = NULL;
          unsigned long cp = hex ? strtoul(hex, &end, 16) : 0;
          if (!hex || !*hex || *end || append_code_point(out, cp) < 0) {
            *bad = c;
            return -1;
          }
          break;
        }
        if (depth < 64 && in_list(name, transparent)) {
          if (text_rec(c, transparent, element, ctx, out, bad, depth + 1) < 0)
            return -1;
          break;
        }
        if (depth < 64 && element && element(ctx, c, out) == 0) break;
        if (!*bad) *bad = c;
        return -1;
      }
      default:
        *bad = c;
        return -1;
    }
  }
  return out->failed ? -1 : 0;
}

int sxs_xml_text(const xmlNode *node, const char *const *transparent,
                 sxs_buf *out, const xmlNode **bad) {
  return sxs_xml_text_with(node, transparent, NULL, NULL, out, bad);
}

int sxs_xml_text_with(const xmlNode *node, const char *const *transparent,
                      sxs_xml_element_fn element, void *ctx, sxs_buf *out,
                      const xmlNode **bad) {
  *bad = NULL;
  return text_rec(node, transparent, element, ctx, out, bad, 0);
}
