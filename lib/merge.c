/* Merge: translations from a translation file into the TARGETs of a page. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "merge_internal.h"
#include "sxs/sxs_rebuild.h"

/* ---- what a TARGET may hold ---------------------------------------------- */

/* Length of the UTF-8 sequence at p (at most n bytes), 0 when invalid. */
static size_t utf8_length(const unsigned char *p, size_t n) {
  unsigned char c = p[0];
  if (c < 0x80) return 1;
  size_t len;
  uint32_t cp;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
    cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    cp = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (n < len) return 0;
  for (size_t i = 1; i < len; i++) {
    if ((p[i] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (p[i] & 0x3F);
  }
  if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
      (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
    return 0;
  return len;
}

static const char *find_nocase(const char *text, size_t len, const char *what) {
  size_t n = strlen(what);
  for (size_t i = 0; i + n <= len; i++)
    if (strncasecmp(text + i, what, n) == 0) return text + i;
  return NULL;
}

/* Inline HTML elements whose start and end tags must pair up inside one
 * TARGET. Others (void elements, names in prose such as "<token>") are not
 * checked: an SxS TARGET is prose, not a document. */
static int paired_element(const char *name, size_t n) {
  static const char *const names[] = {
      "span", "a",    "strong", "b",     "em",   "i",   "u",   "s",
      "sup",  "sub",  "code",   "kbd",   "mark", "small", "del", "ins",
      "abbr", "cite", "q",      "var",   "samp", "font", "strike", "tt",
      "big",  "div",  "p",      "li",    "ul",   "ol",  "table", "tr",
      "td",   "th",   "pre",    "blockquote", NULL};
  for (const char *const *p = names; *p; p++)
    if (strlen(*p) == n && strncasecmp(*p, name, n) == 0) return 1;
  return 0;
}

#define TAG_STACK_MAX 64

static const char *scan_inline(const char *text, size_t len, size_t *offset) {
  struct {
    const char *name;
    size_t len;
    size_t at;
  } stack[TAG_STACK_MAX];
  size_t depth = 0;
  static char message[160];
  size_t i = 0;
  while (i < len) {
    char c = text[i];
    if (c == '\\') {
      if (i + 1 == len) {
        *offset = i;
        return "a trailing backslash would escape the closing </span>";
      }
      i += 2;
      continue;
    }
    if (c == '`') {
      size_t run = 0;
      while (i + run < len && text[i + run] == '`') run++;
      size_t j = i + run;
      int closed = 0;
      while (j < len) {
        if (text[j] != '`') {
          j++;
          continue;
        }
        size_t r = 0;
        while (j + r < len && text[j + r] == '`') r++;
        if (r == run) {
          closed = 1;
          j += r;
          break;
        }
        j += r;
      }
      if (!closed) {
        *offset = i;
        return "unclosed code span (a backtick without its partner)";
      }
      i = j;
      continue;
    }
    if (c != '<') {
      i++;
      continue;
    }
    if (len - i >= 4 && memcmp(text + i, "<!--", 4) == 0) {
      const char *end = NULL;
      for (size_t j = i + 4; j + 3 <= len; j++)
        if (memcmp(text + j, "-->", 3) == 0) {
          end = text + j;
          break;
        }
      if (!end) {
        *offset = i;
        return "unclosed HTML comment would hide the rest of the page";
      }
      i = (size_t)(end - text) + 3;
      continue;
    }
    size_t j = i + 1;
    int closing = 0;
    if (j < len && text[j] == '/') {
      closing = 1;
      j++;
    }
    size_t name_start = j;
    if (j >= len || !isalpha((unsigned char)text[j])) {
      i++;
      continue;
    }
    while (j < len && (isalnum((unsigned char)text[j]) || text[j] == '-')) j++;
    size_t name_len = j - name_start;
    if (j < len && !(text[j] == '>' || text[j] == '/' ||
                     isspace((unsigned char)text[j]))) {
      i = j;
      continue;
    }
    char quote = 0;
    while (j < len && (quote || text[j] != '>')) {
      if (quote && text[j] == quote) quote = 0;
      else if (!quote && (text[j] == '"' || text[j] == '\'')) quote = text[j];
      j++;
    }
    const char *name = text + name_start;
    if (!paired_element(name, name_len)) {
      i = j < len ? j + 1 : j;
      continue;
    }
    if (j >= len) {
      *offset = i;
      snprintf(message, sizeof message, "unclosed tag <%.*s", (int)name_len,
               name);
      return message;
    }
    int self_closing = text[j - 1] == '/';
    if (!closing && !self_closing) {
      if (depth == TAG_STACK_MAX) {
        *offset = i;
        return "inline HTML nested too deeply";
      }
      stack[depth].name = name;
      stack[depth].len = name_len;
      stack[depth].at = i;
      depth++;
    } else if (closing) {
      if (depth == 0) {
        *offset = i;
        if (name_len == 4 && strncasecmp(name, "span", 4) == 0)
          return "a stray </span> would close the pair";
        snprintf(message, sizeof message, "stray </%.*s> without its start tag",
                 (int)name_len, name);
        return message;
      }
      depth--;
      if (stack[depth].len != name_len ||
          strncasecmp(stack[depth].name, name, name_len) != 0) {
        *offset = i;
        snprintf(message, sizeof message, "</%.*s> closes <%.*s>",
                 (int)name_len, name, (int)stack[depth].len,
                 stack[depth].name);
        return message;
      }
    }
    i = j + 1;
  }
  if (depth > 0) {
    *offset = stack[depth - 1].at;
    snprintf(message, sizeof message, "<%.*s> is never closed",
             (int)stack[depth - 1].len, stack[depth - 1].name);
    return message;
  }
  return NULL;
}

const char *sxs_target_problem(const char *text, size_t len, const char *old,
                               size_t old_len, size_t *offset) {
  *offset = 0;
  int old_has_newline = old && memchr(old, '\n', old_len) != NULL;
  int old_has_cr = old && memchr(old, '\r', old_len) != NULL;
  for (size_t i = 0; i < len;) {
    unsigned char c = (unsigned char)text[i];
    size_t n = utf8_length((const unsigned char *)text + i, len - i);
    if (n == 0) {
      *offset = i;
      return "not valid UTF-8";
    }
    if (c < 0x20 && c != '\t' && c != '\n' && !(c == '\r' && old_has_cr)) {
      *offset = i;
      return "a control character";
    }
    if (c == '\n') {
      if (!old_has_newline) {
        *offset = i;
        return "a line break where the page's TARGET has none would split "
               "the block";
      }
      size_t j = i + 1;
      while (j < len && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r'))
        j++;
      if (j == len || text[j] == '\n' || i == 0) {
        *offset = i;
        return "a blank line would end the block";
      }
    }
    i += n;
  }
  static const char *const markup[] = {"data-ttu-id", "data-stu-id",
                                       "sxs-lookup", NULL};
  for (const char *const *m = markup; *m; m++) {
    const char *at = find_nocase(text, len, *m);
    if (at) {
      *offset = (size_t)(at - text);
      return "pair markup (data-ttu-id, data-stu-id or sxs-lookup) inside a "
             "translation";
    }
  }
  return scan_inline(text, len, offset);
}

/* ---- merging one page ---------------------------------------------------- */

static void unit_diag(FILE *diag, const sxs_tfile *tf, const sxs_tunit *u,
                      const char *severity, const char *code,
                      const char *fmt, const char *a, const char *b) {
  if (!diag) return;
  if (u->line)
    fprintf(diag, "%s:%u:1: %s: ", tf->path, u->line, severity);
  else
    fprintf(diag, "%s: %s: ", tf->path, severity);
  fprintf(diag, fmt, a, b);
  fprintf(diag, " [%s]\n", code);
}

/* The length of the character at s (1 for a byte that is not UTF-8) and
 * whether extract writes it as U+FFFD. */
static size_t next_unit(const char *s, size_t len, int *forbidden) {
  size_t n = utf8_length((const unsigned char *)s, len);
  *forbidden = n == 0 ||
               (n == 1 && (unsigned char)s[0] < 0x20 && s[0] != '\t' &&
                s[0] != '\n' && s[0] != '\r') ||
               (n == 3 && (unsigned char)s[0] == 0xEF &&
                (unsigned char)s[1] == 0xBF &&
                ((unsigned char)s[2] == 0xBE || (unsigned char)s[2] == 0xBF));
  return n ? n : 1;
}

/* Whether text from the translation file is the page's bytes. extract
 * writes what XML and PO cannot carry (bytes that are not UTF-8, NUL and
 * the C0 controls but tab, LF and CR, U+FFFE, U+FFFF) as U+FFFD, so such a
 * byte in the page equals U+FFFD in the file: otherwise an untouched pair
 * of a damaged page would count as edited. */
static int same_text(const char *text, size_t text_len, const char *page,
                     size_t page_len) {
  if (text_len == page_len && memcmp(text, page, page_len) == 0) return 1;
  size_t t = 0, p = 0;
  while (p < page_len) {
    int forbidden;
    size_t n = next_unit(page + p, page_len - p, &forbidden);
    if (forbidden) {
      if (text_len - t < 3 || memcmp(text + t, "\xEF\xBF\xBD", 3) != 0)
        return 0;
      t += 3;
      p += n;
      continue;
    }
    if (text_len - t < n || memcmp(text + t, page + p, n) != 0) return 0;
    t += n;
    p += n;
  }
  return t == text_len;
}

/* The pair id a unit means when its id is not a page id: extract writes a
 * repeated id as "ID.2" (XLIFF) or "FILE#ID", "FILE#ID#2" (PO msgctxt). */
static size_t base_id(const char *id, const char **start) {
  size_t n = strlen(id);
  *start = id;
  const char *hash = strrchr(id, '#');
  if (hash) {
    const char *last = hash + 1;
    int digits = *last != '\0' && strspn(last, "0123456789") == strlen(last);
    if (digits && hash > id) {
      const char *prev = hash;
      while (prev > id && prev[-1] != '#') prev--;
      if (prev > id) {
        *start = prev;
        return (size_t)(hash - prev);
      }
    }
    *start = last;
    return strlen(last);
  }
  const char *dot = strrchr(id, '.');
  if (dot && dot[1] && strspn(dot + 1, "0123456789") == strlen(dot + 1))
    return (size_t)(dot - id);
  return n;
}

/* The page's SOURCE as extract writes it: each byte or character XML and
 * PO cannot carry (see same_text) as U+FFFD. */
static int clean_source(sxs_buf *out, const char *page, size_t page_len) {
  size_t p = 0;
  while (p < page_len) {
    int forbidden;
    size_t n = next_unit(page + p, page_len - p, &forbidden);
    if (forbidden) sxs_buf_append(out, "\xEF\xBF\xBD", 3);
    else sxs_buf_append(out, page + p, n);
    p += n;
  }
  return out->failed ? -1 : 0;
}

/* The pairs of a page by id, by id and line, and by id and (cleaned)
 * SOURCE; each key's pairs chained in page order (indexes + 1). A damaged
 * page can repeat an id: each unit claims one pair of its id, the one at
 * its line, else the first free with its SOURCE, else the first free. */
enum { BY_ID, BY_ID_LINE, BY_ID_SOURCE, LOOKUPS };
typedef struct pair_lookup {
  sxs_strmap map[LOOKUPS];
  size_t *next[LOOKUPS];
  sxs_buf key;
} pair_lookup;

static void lookup_key(sxs_buf *key, int kind, const char *id, size_t id_len,
                       unsigned line) {
  sxs_buf_clear(key);
  sxs_buf_append(key, id, id_len);
  if (kind == BY_ID) return;
  sxs_buf_putc(key, '\0');
  if (kind == BY_ID_LINE) sxs_buf_append(key, (const char *)&line, sizeof line);
}

static void lookup_free(pair_lookup *l) {
  for (int k = 0; k < LOOKUPS; k++) {
    sxs_strmap_free(&l->map[k], NULL);
    free(l->next[k]);
  }
  sxs_buf_free(&l->key);
}

static int lookup_build(pair_lookup *l, const sxs_page *page) {
  memset(l, 0, sizeof *l);
  size_t len;
  const char *data = sxs_page_data(page, &len);
  size_t n = sxs_page_pair_count(page);
  const sxs_pair *pairs = sxs_page_pairs(page);
  for (int k = 0; k < LOOKUPS; k++)
    if (!(l->next[k] = calloc(n ? n : 1, sizeof *l->next[k]))) return -1;
  for (size_t p = n; p-- > 0;) {
    for (int k = 0; k < LOOKUPS; k++) {
      lookup_key(&l->key, k, data + pairs[p].id.start,
                 pairs[p].id.end - pairs[p].id.start, pairs[p].line);
      if (k == BY_ID_SOURCE &&
          clean_source(&l->key, data + pairs[p].source.start,
                       pairs[p].source.end - pairs[p].source.start) < 0)
        return -1;
      if (l->key.failed ||
          sxs_strmap_chain_push(&l->map[k], l->key.data, l->key.len,
                                l->next[k], p) < 0)
        return -1;
    }
  }
  return 0;
}

/* The first unclaimed pair under l->key in lookup kind, or 0. */
static uintptr_t first_free(pair_lookup *l, int kind,
                            const unsigned char *claimed) {
  return sxs_strmap_chain_first(&l->map[kind], l->key.data, l->key.len,
                                l->next[kind], claimed);
}

/* Whether text holds what same_text matches only byte for byte: then the
 * cleaned SOURCE cannot find it. */
static int has_forbidden(const char *text, size_t len) {
  int forbidden = 0;
  for (size_t p = 0; p < len && !forbidden;)
    p += next_unit(text + p, len - p, &forbidden);
  return forbidden;
}

static uintptr_t claim_pair(pair_lookup *l, unsigned char *claimed,
                            const sxs_pair *pairs, const char *data,
                            const sxs_tunit *u) {
  const char *id = u->id;
  size_t id_len = strlen(id);
  lookup_key(&l->key, BY_ID, id, id_len, 0);
  if (!sxs_strmap_get(&l->map[BY_ID], l->key.data, l->key.len)) {
    id_len = base_id(u->id, &id);
    if (id_len == strlen(u->id)) return 0;
    lookup_key(&l->key, BY_ID, id, id_len, 0);
    if (!sxs_strmap_get(&l->map[BY_ID], l->key.data, l->key.len)) return 0;
  }
  uintptr_t pick = 0;
  if (u->page_line) {
    lookup_key(&l->key, BY_ID_LINE, id, id_len, u->page_line);
    pick = l->key.failed ? 0 : first_free(l, BY_ID_LINE, claimed);
  }
  if (!pick && u->source) {
    lookup_key(&l->key, BY_ID_SOURCE, id, id_len, 0);
    sxs_buf_append(&l->key, u->source, u->source_len);
    pick = l->key.failed ? 0 : first_free(l, BY_ID_SOURCE, claimed);
    if (!pick && has_forbidden(u->source, u->source_len)) {
      /* Rare: a file carrying bytes extract never writes. */
      lookup_key(&l->key, BY_ID, id, id_len, 0);
      for (uintptr_t c = (uintptr_t)sxs_strmap_get(&l->map[BY_ID], l->key.data,
                                                   l->key.len);
           c && !pick; c = l->next[BY_ID][c - 1])
        if (!claimed[c - 1] &&
            same_text(u->source, u->source_len, data + pairs[c - 1].source.start,
                      pairs[c - 1].source.end - pairs[c - 1].source.start))
          pick = c;
    }
  }
  if (!pick) {
    lookup_key(&l->key, BY_ID, id, id_len, 0);
    pick = l->key.failed ? 0 : first_free(l, BY_ID, claimed);
  }
  if (pick) claimed[pick - 1] = 1;
  return pick;
}

/* "es" and "es-ES" are compatible; "es-ES" and "es-MX" are not. */
static int lang_compatible(const char *a, const char *b) {
  if (sxs_lang_equal(a, b)) return 1;
  size_t la = strcspn(a, "-_"), lb = strcspn(b, "-_");
  if (a[la] && b[lb]) return 0;
  return la == lb && strncasecmp(a, b, la) == 0;
}

/* Whether the merged bytes parse back into the same pairs (same ids, in
 * order), each with the TARGET meant for it, and no more errors than the
 * page had. On failure *bad is the first pair that did not come back. */
static int merged_page_parses_back(const sxs_page *page,
                                   const sxs_text *targets, const char *data,
                                   size_t len, size_t *bad) {
  sxs_page *again = sxs_page_parse(data, len);
  if (!again) return 0;
  size_t n = sxs_page_pair_count(page), m = sxs_page_pair_count(again);
  const sxs_pair *a = sxs_page_pairs(page), *b = sxs_page_pairs(again);
  size_t olen;
  const char *old = sxs_page_data(page, &olen);
  int ok = 1;
  for (size_t i = 0; i < n && ok; i++) {
    size_t ia = a[i].id.end - a[i].id.start;
    const char *want = targets[i].data ? targets[i].data
                                       : old + a[i].target.start;
    size_t want_len = targets[i].data ? targets[i].len
                                      : a[i].target.end - a[i].target.start;
    if (i >= m || b[i].id.end - b[i].id.start != ia ||
        memcmp(old + a[i].id.start, data + b[i].id.start, ia) != 0 ||
        b[i].target.end - b[i].target.start != want_len ||
        memcmp(want, data + b[i].target.start, want_len) != 0) {
      *bad = i;
      ok = 0;
    }
  }
  if (ok && (m != n ||
             sxs_page_error_count(again) > sxs_page_error_count(page))) {
    *bad = n < m ? n : SIZE_MAX;
    ok = 0;
  }
  sxs_page_free(again);
  return ok;
}


int sxs_merge_page(sxs_tfile *tf, const char *path, const sxs_page *page,
                   const sxs_merge_options *options, sxs_buf *out,
                   int *changed, sxs_merge_counts *counts, FILE *diag) {
  *changed = 0;
  char *norm = sxs_normalize_path(path);
  if (!norm) return -1;
  sxs_unit_list *list = sxs_strmap_get(&tf->pages, norm, strlen(norm));
  free(norm);
  size_t len;
  const char *data = sxs_page_data(page, &len);
  size_t npairs = sxs_page_pair_count(page);
  const sxs_pair *pairs = sxs_page_pairs(page);
  if (!list) return sxs_buf_append(out, data, len) < 0 ? -1 : 0;

  pair_lookup lookup;
  size_t slots = npairs ? npairs : 1;
  sxs_text *targets = calloc(slots, sizeof *targets);
  unsigned char *claimed = calloc(slots, 1);
  if (lookup_build(&lookup, page) < 0 || !targets || !claimed) goto oom;
  const char *locale = sxs_page_locale(page);
  size_t updated = 0, breaking = 0;
  for (size_t k = 0; k < list->count; k++) {
    sxs_tunit *u = &tf->units[list->index[k]];
    if (u->used) continue;
    u->used = 1;
    if (u->lang && locale && *locale && !lang_compatible(u->lang, locale)) {
      /* An aligned TMX holds several languages: take the page's own. */
      int other = 0;
      for (size_t m = 0; m < list->count && !other; m++) {
        const sxs_tunit *v = &tf->units[list->index[m]];
        other = v != u && strcmp(v->id, u->id) == 0 && v->lang &&
                lang_compatible(v->lang, locale);
      }
      if (!other) {
        counts->refused++;
        if (diag)
          fprintf(diag,
                  "%s: error: pair %s: the translation is %s, the page is %s "
                  "[language-mismatch]\n",
                  path, u->id, u->lang, locale);
      }
      continue;
    }
    uintptr_t found = claim_pair(&lookup, claimed, pairs, data, u);
    if (!found) {
      counts->not_found++;
      unit_diag(diag, tf, u, "error", "id-not-found",
                "%s: no pair with id '%s' in this page", path, u->id);
      continue;
    }
    const sxs_pair *pair = &pairs[found - 1];
    if (u->problem) {
      counts->refused++;
      unit_diag(diag, tf, u, "error", "bad-unit", "%s: %s", u->id,
                u->problem);
      continue;
    }
    if (!u->target) {
      counts->skipped++;
      continue;
    }
    const char *old = data + pair->target.start;
    size_t old_len = pair->target.end - pair->target.start;
    const char *page_source = data + pair->source.start;
    size_t page_source_len = pair->source.end - pair->source.start;
    if (u->source &&
        !same_text(u->source, u->source_len, page_source, page_source_len)) {
      if (!options || !options->force_source) {
        counts->refused++;
        counts->source_changed++;
        if (diag)
          fprintf(diag,
                  "%s:%u:%u: error: pair %s: source changed: the translation "
                  "was made for another SOURCE; not merged (--force-source "
                  "merges it) [source-changed]\n",
                  path, pair->line, pair->column, u->id);
        continue;
      }
      if (diag)
        fprintf(diag,
                "%s:%u:%u: warning: pair %s: source changed; merged because "
                "of --force-source [source-changed]\n",
                path, pair->line, pair->column, u->id);
    }
    if (same_text(u->target, u->target_len, old, old_len)) {
      counts->unchanged++;
      continue;
    }
    size_t at;
    const char *why =
        sxs_target_problem(u->target, u->target_len, old, old_len, &at);
    if (why) {
      counts->refused++;
      breaking++;
      if (diag)
        fprintf(diag,
                "%s:%u:%u: error: pair %s: translation refused: %s (at byte "
                "%zu of the translation) [refused-target]\n",
                path, pair->line, pair->column, u->id, why, at + 1);
      continue;
    }
    targets[found - 1].data = u->target;
    targets[found - 1].len = u->target_len;
    updated++;
  }
  lookup_free(&lookup);
  free(claimed);
  int rc;
  if (breaking) {
    counts->pages_refused++;
    if (diag && updated)
      fprintf(diag,
              "%s: note: page left untouched: %zu other translation%s not "
              "merged [page-refused]\n",
              path, updated, updated == 1 ? "" : "s");
    rc = 1;
  } else {
    size_t before = out->len;
    rc = sxs_page_replace_targets(page, targets, out) < 0 ? -1 : 0;
    size_t bad = SIZE_MAX;
    if (rc == 0 && updated > 0 &&
        !merged_page_parses_back(page, targets, out->data + before,
                                 out->len - before, &bad)) {
      /* The checks on each translation missed something: the page would
       * not give its pairs back. Nothing is written. */
      const sxs_pair *pair = bad < sxs_page_pair_count(page)
                                 ? &sxs_page_pairs(page)[bad]
                                 : NULL;
      size_t dlen;
      const char *data = sxs_page_data(page, &dlen);
      if (diag && pair)
        fprintf(diag,
                "%s:%u:%u: error: pair %.*s: translation refused: the page "
                "would not parse back with its pairs [refused-target]\n",
                path, pair->line, pair->column,
                (int)(pair->id.end - pair->id.start), data + pair->id.start);
      else if (diag)
        fprintf(diag,
                "%s: error: merged page would not parse back with its pairs "
                "[refused-target]\n",
                path);
      out->len = before;
      counts->refused++;
      counts->pages_refused++;
      rc = 1;
    } else if (rc == 0) {
      counts->updated += updated;
      *changed = updated > 0;
    }
  }
  free(targets);
  return rc;
oom:
  free(targets);
  free(claimed);
  lookup_free(&lookup);
  return -1;
}

void sxs_merge_report_unused(sxs_tfile *tf, sxs_merge_counts *counts,
                             FILE *diag) {
  /* In file order, one line per page that no operand named. */
  for (size_t i = 0; i < tf->count; i++) {
    sxs_tunit *first = &tf->units[i];
    if (first->used) continue;
    const sxs_unit_list *list =
        sxs_strmap_get(&tf->pages, first->file, strlen(first->file));
    size_t unused = 0;
    for (size_t k = 0; list && k < list->count; k++) {
      sxs_tunit *u = &tf->units[list->index[k]];
      if (u->used) continue;
      unused++;
      u->used = 1;
    }
    if (!list) {
      unused = 1;
      first->used = 1;
    }
    counts->not_found += unused;
    if (!diag) continue;
    if (first->line)
      fprintf(diag, "%s:%u:1: error: ", tf->path, first->line);
    else
      fprintf(diag, "%s: error: ", tf->path);
    fprintf(diag,
            "page '%s' (%zu unit%s) is not among the pages given "
            "[page-not-found]\n",
            first->file, unused, unused == 1 ? "" : "s");
  }
}
