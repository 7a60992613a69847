#include "sxs/sxs.h"

#include <cmark-gfm.h>
#include <gettext-po.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <unicode/uversion.h>
#include <yaml.h>

const char *sxs_version(void) {
  return SXS_VERSION;
}

size_t sxs_library_versions(char *buf, size_t size) {
  /* libxml2 gives its version as one number: 20914 for 2.9.14. */
  long xml = xmlParserVersion ? strtol(xmlParserVersion, NULL, 10) : 0;
  UVersionInfo icu_info;
  char icu[U_MAX_VERSION_STRING_LENGTH];
  u_getVersion(icu_info);
  u_versionToString(icu_info, icu);
  /* libgettextpo's is 0xMMmmpp. */
  int po = libgettextpo_version;
  int n = snprintf(buf, size,
                   "libxml2 %ld.%ld.%ld, ICU %s, cmark-gfm %s, libyaml %s, "
                   "libgettextpo %d.%d.%d",
                   xml / 10000, xml / 100 % 100, xml % 100, icu,
                   cmark_version_string(), yaml_get_version_string(),
                   po >> 16, (po >> 8) & 0xFF, po & 0xFF);
  return n < 0 ? 0 : (size_t)n;
}
