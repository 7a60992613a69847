/* Locale rules of sxs check, kept as data in locales/NAME.conf:
 *
 *   # comment
 *   inherit = default
 *   end.period = . 。 ．
 *   open.question = ¿
 *   space_before = ; : ! ?
 *   length.min = 0.5
 *   number.myriad = 万 4, 億 8
 *
 * Lookup: the full locale (es-ES.conf, es-es.conf), then the language
 * (es.conf), then default.conf; the first found is used and may inherit. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/unum.h>
#include <unicode/ustring.h>

#include "check_internal.h"

#ifndef SXS_SOURCE_LOCALES_DIR
#define SXS_SOURCE_LOCALES_DIR "locales"
#endif
#ifndef SXS_LOCALES_DIR
#define SXS_LOCALES_DIR "/usr/local/share/sxs/locales"
#endif

static const char *const punct_keys[CHECK_PUNCT_KINDS] = {
    "end.period", "end.question", "end.exclamation",
    "end.colon",  "end.semicolon", "end.ellipsis"};
static const char *const punct_defaults[CHECK_PUNCT_KINDS] = {
    ".", "?", "!", ":", ";", "… ..."};

int check_punct_kind(int32_t c) {
  switch (c) {
    case '.': return 0;
    case '?': return 1;
    case '!': return 2;
    case ':': return 3;
    case ';': return 4;
    case 0x2026: return 5;
    default: return -1;
  }
}

/* Stores a space-separated list as NUL-separated items ending with an
 * empty item. */
static void set_list(char *dst, size_t size, const char *value) {
  size_t k = 0;
  const char *p = value;
  while (*p && k + 2 < size) {
    while (*p == ' ' || *p == '\t') p++;
    if (!*p) break;
    while (*p && *p != ' ' && *p != '\t' && k + 2 < size) dst[k++] = *p++;
    dst[k++] = '\0';
  }
  dst[k] = '\0';
  if (k + 1 < size) dst[k + 1] = '\0';
}

static void set_string(char *dst, size_t size, const char *value) {
  snprintf(dst, size, "%s", value);
}

static void defaults(check_locale *r) {
  memset(r, 0, sizeof *r);
  for (int k = 0; k < CHECK_PUNCT_KINDS; k++)
    set_list(r->end_punct[k], sizeof r->end_punct[k], punct_defaults[k]);
  r->length_min = 0.3;
  r->length_max = 3.0;
  r->length_min_chars = 40;
}

static void parse_myriad(check_locale *r, const char *value) {
  r->myriad_count = 0;
  const char *p = value;
  while (*p && r->myriad_count < 4) {
    while (*p == ' ' || *p == ',') p++;
    if (!*p) break;
    const char *w = p;
    while (*p && *p != ' ') p++;
    size_t wl = (size_t)(p - w);
    while (*p == ' ') p++;
    unsigned power = (unsigned)strtoul(p, (char **)&p, 10);
    if (wl == 0 || wl >= sizeof r->myriad_words[0] || power == 0 ||
        power > 12)
      break;
    memcpy(r->myriad_words[r->myriad_count], w, wl);
    r->myriad_words[r->myriad_count][wl] = '\0';
    r->myriad_powers[r->myriad_count++] = power;
  }
}

static int load_file(check_locale *r, const char *dir, const char *name,
                     int depth);

static void apply(check_locale *r, const char *dir, const char *key,
                  const char *value, int depth) {
  for (int k = 0; k < CHECK_PUNCT_KINDS; k++)
    if (strcmp(key, punct_keys[k]) == 0) {
      set_list(r->end_punct[k], sizeof r->end_punct[k], value);
      return;
    }
  if (strcmp(key, "inherit") == 0)
    load_file(r, dir, value, depth + 1);
  else if (strcmp(key, "open.question") == 0)
    set_string(r->open_question, sizeof r->open_question, value);
  else if (strcmp(key, "open.exclamation") == 0)
    set_string(r->open_exclamation, sizeof r->open_exclamation, value);
  else if (strcmp(key, "space_before") == 0)
    set_list(r->space_before, sizeof r->space_before, value);
  else if (strcmp(key, "length.min") == 0)
    r->length_min = strtod(value, NULL);
  else if (strcmp(key, "length.max") == 0)
    r->length_max = strtod(value, NULL);
  else if (strcmp(key, "length.min_chars") == 0)
    r->length_min_chars = (unsigned)strtoul(value, NULL, 10);
  else if (strcmp(key, "number.myriad") == 0)
    parse_myriad(r, value);
  /* Other keys (notes for people, e.g. number.grouping) are ignored. */
}

static char *trim(char *s) {
  while (*s == ' ' || *s == '\t') s++;
  size_t n = strlen(s);
  while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' ||
                   s[n - 1] == '\r'))
    s[--n] = '\0';
  return s;
}

static int load_file(check_locale *r, const char *dir, const char *name,
                     int depth) {
  if (depth > 4 || !dir) return -1;
  char path[1024];
  snprintf(path, sizeof path, "%s/%s.conf", dir, name);
  FILE *f = fopen(path, "r");
  if (!f) return -1;
  char line[512];
  while (fgets(line, sizeof line, f)) {
    char *s = trim(line);
    if (*s == '#' || *s == '\0') continue;
    char *eq = strchr(s, '=');
    if (!eq) continue;
    *eq = '\0';
    apply(r, dir, trim(s), trim(eq + 1), depth);
  }
  fclose(f);
  return 0;
}

static const char *rules_dir(const char *dir) {
  if (dir) return dir;
  const char *env = getenv("SXS_LOCALES_DIR");
  if (env && *env) return env;
  char probe[1024];
  snprintf(probe, sizeof probe, "%s/default.conf", SXS_SOURCE_LOCALES_DIR);
  FILE *f = fopen(probe, "r");
  if (f) {
    fclose(f);
    return SXS_SOURCE_LOCALES_DIR;
  }
  return SXS_LOCALES_DIR;
}

static void icu_symbol(const char *locale, UNumberFormatSymbol which,
                       char *out, size_t size) {
  UErrorCode status = U_ZERO_ERROR;
  UNumberFormat *fmt = unum_open(UNUM_DECIMAL, NULL, 0, locale, NULL, &status);
  out[0] = '\0';
  if (U_FAILURE(status)) return;
  UChar sym[8];
  int32_t n = unum_getSymbol(fmt, which, sym, 8, &status);
  if (U_SUCCESS(status) && n > 0 && n < 8) {
    int32_t written = 0;
    u_strToUTF8(out, (int32_t)size - 1, &written, sym, n, &status);
    if (U_FAILURE(status)) written = 0;
    out[written] = '\0';
  }
  unum_close(fmt);
}

void check_locale_load(check_locale *r, const char *locale, const char *dir) {
  defaults(r);
  const char *d = rules_dir(dir);
  snprintf(r->name, sizeof r->name, "%s", locale ? locale : "");
  size_t i = 0;
  for (; r->name[i] && r->name[i] != '-' && r->name[i] != '_' &&
         i + 1 < sizeof r->language;
       i++)
    r->language[i] = (char)tolower((unsigned char)r->name[i]);
  r->language[i] = '\0';
  char lower[32];
  for (i = 0; r->name[i] && i + 1 < sizeof lower; i++)
    lower[i] = (char)tolower((unsigned char)r->name[i]);
  lower[i] = '\0';
  int loaded = (r->name[0] && strchr(r->name, '/') == NULL &&
                (load_file(r, d, r->name, 0) == 0 ||
                 load_file(r, d, lower, 0) == 0 ||
                 (r->language[0] && load_file(r, d, r->language, 0) == 0)));
  if (!loaded) load_file(r, d, "default", 0);
  char icu_locale[32];
  snprintf(icu_locale, sizeof icu_locale, "%s", r->name[0] ? r->name : "en");
  for (char *c = icu_locale; *c; c++)
    if (*c == '-') *c = '_';
  icu_symbol(icu_locale, UNUM_DECIMAL_SEPARATOR_SYMBOL, r->decimal,
             sizeof r->decimal);
  icu_symbol(icu_locale, UNUM_GROUPING_SEPARATOR_SYMBOL, r->group,
             sizeof r->group);
  if (!r->decimal[0]) strcpy(r->decimal, ".");
  if (!r->group[0]) strcpy(r->group, ",");
}
