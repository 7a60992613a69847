/* json_validate: checks that input is strict JSON Lines (RFC 8259 JSON, one
 * value per LF-terminated line, no blank line, UTF-8 only, no lone
 * surrogate escape, nesting at most 64 deep). Used by the extract tests
 * instead of a scripting language the CI machine may not have.
 *
 *   json_validate [--keys K1,K2,...] [--count] [FILE|-]...
 *
 * --keys: every line must be an object whose members are exactly these
 * keys, in this order. --count: print the number of lines on stdout.
 * Exit 0 when valid; 1 with FILE:LINE:COL: message on the first error; 2
 * when a file cannot be read. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sxs/sxs_io.h"

#define MAX_DEPTH 64

typedef struct parser {
  const unsigned char *p;
  const unsigned char *end; /* end of the line */
  const unsigned char *line_start;
  const char *error;
  const unsigned char *error_at;
} parser;

static int fail(parser *ps, const char *message) {
  if (!ps->error) {
    ps->error = message;
    ps->error_at = ps->p;
  }
  return -1;
}

static void skip_ws(parser *ps) {
  while (ps->p < ps->end &&
         (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\r'))
    ps->p++;
}

static int hex4(parser *ps, unsigned *value) {
  *value = 0;
  for (int i = 0; i < 4; i++) {
    if (ps->p >= ps->end) return fail(ps, "truncated \\u escape");
    unsigned char c = *ps->p;
    unsigned d;
    if (c >= '0' && c <= '9') d = c - '0';
    else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
    else return fail(ps, "bad hex digit in \\u escape");
    *value = *value * 16 + d;
    ps->p++;
  }
  return 0;
}

/* Length of a well-formed UTF-8 sequence at p, 0 if none (RFC 3629). */
static size_t utf8_len(const unsigned char *p, const unsigned char *end) {
  size_t n = (size_t)(end - p);
  unsigned char c = p[0];
  if (c < 0x80) return 1;
  unsigned char lo = 0x80, hi = 0xBF;
  size_t len;
  if (c >= 0xC2 && c <= 0xDF) len = 2;
  else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else return 0;
  if (n < len || p[1] < lo || p[1] > hi) return 0;
  for (size_t i = 2; i < len; i++)
    if ((p[i] & 0xC0) != 0x80) return 0;
  return len;
}

/* Parses a string; its raw (still escaped) bytes are given back so that
 * --keys can compare keys, which the extract output writes unescaped. */
static int parse_string(parser *ps, const unsigned char **raw,
                        size_t *raw_len) {
  if (ps->p >= ps->end || *ps->p != '"') return fail(ps, "expected '\"'");
  ps->p++;
  const unsigned char *start = ps->p;
  while (ps->p < ps->end) {
    unsigned char c = *ps->p;
    if (c == '"') {
      if (raw) *raw = start;
      if (raw_len) *raw_len = (size_t)(ps->p - start);
      ps->p++;
      return 0;
    }
    if (c < 0x20) return fail(ps, "unescaped control character in string");
    if (c == '\\') {
      ps->p++;
      if (ps->p >= ps->end) break;
      c = *ps->p++;
      if (strchr("\"\\/bfnrt", c) && c) continue;
      if (c != 'u') {
        ps->p--;
        return fail(ps, "bad escape");
      }
      unsigned u;
      if (hex4(ps, &u) < 0) return -1;
      if (u >= 0xDC00 && u <= 0xDFFF) return fail(ps, "lone low surrogate");
      if (u >= 0xD800 && u <= 0xDBFF) {
        if (ps->end - ps->p < 6 || ps->p[0] != '\\' || ps->p[1] != 'u')
          return fail(ps, "high surrogate without its low half");
        ps->p += 2;
        if (hex4(ps, &u) < 0) return -1;
        if (u < 0xDC00 || u > 0xDFFF)
          return fail(ps, "high surrogate without its low half");
      }
      continue;
    }
    size_t k = utf8_len(ps->p, ps->end);
    if (k == 0) return fail(ps, "invalid UTF-8");
    ps->p += k;
  }
  return fail(ps, "unterminated string");
}

static int is_digit(const parser *ps) {
  return ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9';
}

static int parse_number(parser *ps) {
  if (ps->p < ps->end && *ps->p == '-') ps->p++;
  if (!is_digit(ps)) return fail(ps, "bad number");
  if (*ps->p == '0') ps->p++;
  else while (is_digit(ps)) ps->p++;
  if (ps->p < ps->end && *ps->p == '.') {
    ps->p++;
    if (!is_digit(ps)) return fail(ps, "bad fraction");
    while (is_digit(ps)) ps->p++;
  }
  if (ps->p < ps->end && (*ps->p == 'e' || *ps->p == 'E')) {
    ps->p++;
    if (ps->p < ps->end && (*ps->p == '+' || *ps->p == '-')) ps->p++;
    if (!is_digit(ps)) return fail(ps, "bad exponent");
    while (is_digit(ps)) ps->p++;
  }
  return 0;
}

static int literal(parser *ps, const char *word) {
  size_t n = strlen(word);
  if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0)
    return fail(ps, "unexpected character");
  ps->p += n;
  return 0;
}

typedef struct key_check {
  char **keys;
  size_t count;
} key_check;

static int parse_value(parser *ps, int depth, const key_check *keys);

static int parse_object(parser *ps, int depth, const key_check *keys) {
  ps->p++; /* { */
  size_t member = 0;
  skip_ws(ps);
  if (ps->p < ps->end && *ps->p == '}') {
    ps->p++;
    if (keys && keys->count) return fail(ps, "object has too few keys");
    return 0;
  }
  for (;;) {
    skip_ws(ps);
    const unsigned char *key_at = ps->p;
    const unsigned char *raw;
    size_t raw_len;
    if (parse_string(ps, &raw, &raw_len) < 0) return -1;
    if (keys) {
      if (member >= keys->count ||
          strlen(keys->keys[member]) != raw_len ||
          memcmp(keys->keys[member], raw, raw_len) != 0) {
        ps->p = key_at;
        return fail(ps, member >= keys->count ? "unexpected extra key"
                                              : "key not the expected one");
      }
    }
    member++;
    skip_ws(ps);
    if (ps->p >= ps->end || *ps->p != ':') return fail(ps, "expected ':'");
    ps->p++;
    if (parse_value(ps, depth + 1, NULL) < 0) return -1;
    skip_ws(ps);
    if (ps->p < ps->end && *ps->p == ',') {
      ps->p++;
      continue;
    }
    if (ps->p < ps->end && *ps->p == '}') {
      ps->p++;
      if (keys && member != keys->count)
        return fail(ps, "object has too few keys");
      return 0;
    }
    return fail(ps, "expected ',' or '}'");
  }
}

static int parse_array(parser *ps, int depth) {
  ps->p++; /* [ */
  skip_ws(ps);
  if (ps->p < ps->end && *ps->p == ']') {
    ps->p++;
    return 0;
  }
  for (;;) {
    if (parse_value(ps, depth + 1, NULL) < 0) return -1;
    skip_ws(ps);
    if (ps->p < ps->end && *ps->p == ',') {
      ps->p++;
      continue;
    }
    if (ps->p < ps->end && *ps->p == ']') {
      ps->p++;
      return 0;
    }
    return fail(ps, "expected ',' or ']'");
  }
}

static int parse_value(parser *ps, int depth, const key_check *keys) {
  if (depth > MAX_DEPTH) return fail(ps, "nested too deep");
  skip_ws(ps);
  if (ps->p >= ps->end) return fail(ps, "expected a value");
  if (keys && *ps->p != '{') return fail(ps, "expected an object");
  switch (*ps->p) {
    case '{': return parse_object(ps, depth, keys);
    case '[': return parse_array(ps, depth);
    case '"': return parse_string(ps, NULL, NULL);
    case 't': return literal(ps, "true");
    case 'f': return literal(ps, "false");
    case 'n': return literal(ps, "null");
    default: return parse_number(ps);
  }
}

static int validate(const char *name, const char *data, size_t len,
                    const key_check *keys, unsigned long *lines) {
  const unsigned char *p = (const unsigned char *)data;
  const unsigned char *end = p + len;
  unsigned long line = 0;
  while (p < end) {
    line++;
    const unsigned char *nl = memchr(p, '\n', (size_t)(end - p));
    parser ps = {p, nl ? nl : end, p, NULL, NULL};
    if (!nl) {
      ps.p = end;
      fail(&ps, "last line has no line feed");
    } else if (nl == p) {
      fail(&ps, "blank line");
    } else if (parse_value(&ps, 1, keys) == 0) {
      skip_ws(&ps);
      if (ps.p != ps.end) fail(&ps, "text after the value");
    }
    if (ps.error) {
      fprintf(stderr, "%s:%lu:%ld: %s\n", name, line,
              (long)(ps.error_at - ps.line_start) + 1, ps.error);
      return 1;
    }
    p = nl + 1;
  }
  *lines += line;
  return 0;
}

int main(int argc, char **argv) {
  key_check keys = {NULL, 0};
  key_check *use_keys = NULL;
  int count = 0;
  int files = 0;
  int status = 0;
  unsigned long lines = 0;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--count") == 0) {
      count = 1;
      continue;
    }
    if (strcmp(argv[i], "--keys") == 0 && i + 1 < argc) {
      char *list = argv[++i];
      keys.count = 1;
      for (char *c = list; *c; c++) keys.count += *c == ',';
      keys.keys = calloc(keys.count, sizeof *keys.keys);
      if (!keys.keys) return 2;
      size_t k = 0;
      for (char *tok = strtok(list, ","); tok; tok = strtok(NULL, ","))
        keys.keys[k++] = tok;
      keys.count = k;
      use_keys = &keys;
      continue;
    }
    files++;
    char *data;
    size_t len;
    char err[256];
    if (sxs_read_file(argv[i], &data, &len, err, sizeof err) < 0) {
      fprintf(stderr, "json_validate: %s: %s\n", argv[i], err);
      return 2;
    }
    if (validate(argv[i], data, len, use_keys, &lines)) status = 1;
    free(data);
    if (status) break;
  }
  if (files == 0) {
    char *data;
    size_t len;
    char err[256];
    if (sxs_read_file("-", &data, &len, err, sizeof err) < 0) {
      fprintf(stderr, "json_validate: -: %s\n", err);
      return 2;
    }
    status = validate("-", data, len, use_keys, &lines);
    free(data);
  }
  free(keys.keys);
  if (count && status == 0) printf("%lu\n", lines);
  return status;
}
