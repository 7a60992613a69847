/* Reading XML that comes from outside (XLIFF, TMX) without trusting it:
 * no DTD loading, no entity substitution, no network, no internal DTD
 * subset, bounded size and depth. Private to libsxs. */
#ifndef SXS_LIB_XML_INPUT_H
#define SXS_LIB_XML_INPUT_H

#include <stddef.h>

#include <libxml/tree.h>

#include "sxs/sxs_buf.h"

/* Largest XML document accepted, in bytes. */
#define SXS_XML_MAX_BYTES ((size_t)512 * 1024 * 1024)

/* Parses data. On failure returns NULL, sets *line and *column (1-based,
 * 0 when unknown) and writes the reason to err. */
xmlDocPtr sxs_xml_read(const char *data, size_t len, unsigned *line,
                       unsigned *column, char *err, size_t errsize);

/* Whether node is an element named local_name (any namespace). */
int sxs_xml_is(const xmlNode *node, const char *local_name);

/* The value of attribute name (no namespace), or NULL. Borrowed from the
 * tree: valid while the document lives. */
const char *sxs_xml_attr(const xmlNode *node, const char *name);

/* xml:lang of node, or NULL (also accepts a bare "lang", as old TMX). */
const char *sxs_xml_lang(const xmlNode *node);

/* Appends the text of node's children to out. Elements named in
 * transparent (a NULL-terminated list of local names) contribute their own
 * text; an XLIFF <cp hex="..."/> contributes its code point. Any other
 * element stops the copy: returns -1 and sets *bad to that element.
 * Returns 0 on success. */
int sxs_xml_text(const xmlNode *node, const char *const *transparent,
                 sxs_buf *out, const xmlNode **bad);

/* What an element that is neither transparent nor <cp> stands for: appends
 * its text to out and returns 0, or returns -1 to refuse it. */
typedef int (*sxs_xml_element_fn)(void *ctx, const xmlNode *element,
                                  sxs_buf *out);

/* sxs_xml_text, asking element (with ctx) about the other elements. A
 * refused element is *bad, unless element set *bad itself (to one of its
 * descendants, when it calls this function again on its content). */
int sxs_xml_text_with(const xmlNode *node, const char *const *transparent,
                      sxs_xml_element_fn element, void *ctx, sxs_buf *out,
                      const xmlNode **bad);

#endif
