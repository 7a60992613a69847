/* YAML front matter between "---" lines, read with libyaml. Only top-level
 * keys with scalar values are kept; nested values are skipped. */
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "page_internal.h"

static int add_meta(sxs_page *page, const char *key, size_t klen,
                    const char *value, size_t vlen) {
  if (page->meta_count == page->meta_cap) {
    size_t cap = page->meta_cap ? page->meta_cap * 2 : 16;
    char **k = realloc(page->meta_keys, cap * sizeof *k);
    if (!k) return -1;
    page->meta_keys = k;
    char **v = realloc(page->meta_values, cap * sizeof *v);
    if (!v) return -1;
    page->meta_values = v;
    page->meta_cap = cap;
  }
  /* Key and value in one block, both cut at a NUL as strndup would; the
   * page frees the key's pointer only. */
  klen = strnlen(key, klen);
  vlen = strnlen(value, vlen);
  char *kc = malloc(klen + vlen + 2);
  if (!kc) return -1;
  memcpy(kc, key, klen);
  kc[klen] = '\0';
  char *vc = kc + klen + 1;
  memcpy(vc, value, vlen);
  vc[vlen] = '\0';
  page->meta_keys[page->meta_count] = kc;
  page->meta_values[page->meta_count] = vc;
  page->meta_count++;
  return 0;
}

/* Offset just past the line ending at or after off. */
static size_t next_line(const char *s, size_t len, size_t off) {
  const char *nl = memchr(s + off, '\n', len - off);
  return nl ? (size_t)(nl - s) + 1 : len;
}

static int is_fence_line(const char *s, size_t len, size_t off,
                         const char *fence) {
  if (len - off < 3 || memcmp(s + off, fence, 3) != 0) return 0;
  size_t i = off + 3;
  while (i < len && (s[i] == ' ' || s[i] == '\t')) i++;
  return i == len || s[i] == '\n' || (s[i] == '\r' && (i + 1 == len || s[i + 1] == '\n'));
}

static void read_yaml(sxs_page *page, size_t start, size_t end,
                      unsigned first_line) {
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) return;
  yaml_parser_set_input_string(&parser,
                               (const unsigned char *)page->data + start,
                               end - start);
  int depth = 0;          /* nesting of mappings and sequences */
  int expecting_key = 1;  /* in the top-level mapping */
  yaml_event_t key;       /* the scalar event of the last key, kept whole */
  int have_key = 0;
  int skip_depth = 0;     /* >0 while skipping a nested value */
  for (;;) {
    yaml_event_t ev;
    if (!yaml_parser_parse(&parser, &ev)) {
      size_t off = start + parser.problem_mark.index;
      sxs_page_add_diag_at(page, off, first_line + (unsigned)parser.problem_mark.line,
                           (unsigned)parser.problem_mark.column + 1, SXS_WARNING,
                           "front-matter", "front matter is not valid YAML: %s",
                           parser.problem ? parser.problem : "parse error");
      break;
    }
    yaml_event_type_t type = ev.type;
    if (type == YAML_STREAM_END_EVENT) {
      yaml_event_delete(&ev);
      break;
    }
    if (skip_depth > 0) {
      if (type == YAML_MAPPING_START_EVENT || type == YAML_SEQUENCE_START_EVENT)
        skip_depth++;
      else if (type == YAML_MAPPING_END_EVENT || type == YAML_SEQUENCE_END_EVENT)
        skip_depth--;
      if (skip_depth == 0) expecting_key = 1;
    } else if (type == YAML_MAPPING_START_EVENT ||
               type == YAML_SEQUENCE_START_EVENT) {
      /* The top-level mapping is read; any nested value is skipped. */
      if (depth == 0 && type == YAML_MAPPING_START_EVENT) depth = 1;
      else skip_depth = 1;
    } else if (type == YAML_MAPPING_END_EVENT) {
      depth--;
    } else if (type == YAML_SCALAR_EVENT && depth == 1) {
      const char *v = (const char *)ev.data.scalar.value;
      size_t vlen = ev.data.scalar.length;
      if (expecting_key) {
        if (have_key) yaml_event_delete(&key);
        key = ev; /* owned from here on */
        have_key = 1;
        expecting_key = 0;
        continue;
      }
      if (have_key)
        add_meta(page, (const char *)key.data.scalar.value,
                 key.data.scalar.length, v, vlen);
      expecting_key = 1;
    }
    yaml_event_delete(&ev);
  }
  if (have_key) yaml_event_delete(&key);
  yaml_parser_delete(&parser);
}

void sxs_parse_front_matter(sxs_page *page) {
  const char *s = page->data;
  size_t len = page->len;
  size_t off = 0;
  if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) off = 3;
  page->body_start = off;
  page->front_matter.start = page->front_matter.end = off;
  if (!is_fence_line(s, len, off, "---")) return;
  size_t body = next_line(s, len, off);
  unsigned line = 2;
  for (size_t p = body; p < len; p = next_line(s, len, p), line++) {
    if (is_fence_line(s, len, p, "---") || is_fence_line(s, len, p, "...")) {
      page->front_matter.end = next_line(s, len, p);
      page->body_start = page->front_matter.end;
      read_yaml(page, body, p, 2);
      return;
    }
  }
  /* No closing line: CommonMark sees a thematic break, not front matter. */
  sxs_page_add_diag(page, off, SXS_WARNING, "front-matter",
                    "front matter opened with '---' is never closed; "
                    "read as Markdown");
}
