/* The byte cleaning and the string set the extraction writers rely on:
 * every byte that is not well-formed UTF-8 (RFC 3629) must be found, and
 * for XML every character XML 1.0 forbids. */
#include <stdio.h>
#include <string.h>

#include "extract_internal.h"

static int failures;

#define CHECK(cond)                                                   \
  do {                                                                \
    if (!(cond)) {                                                    \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, \
              #cond);                                                 \
      failures++;                                                     \
    }                                                                 \
  } while (0)

static size_t seq(const char *s, size_t n) {
  return sxs_utf8_sequence_length((const unsigned char *)s, n);
}

/* Cleans s and compares with expected; returns the replacement count. */
static size_t clean_is(const char *s, size_t n, int flags,
                       const char *expected) {
  sxs_buf b = SXS_BUF_INIT;
  size_t r = sxs_extract_clean(s, n, flags, &b);
  if (b.len != strlen(expected) || memcmp(b.data, expected, b.len) != 0) {
    fprintf(stderr, "clean: got '%.*s', expected '%s'\n", (int)b.len, b.data,
            expected);
    failures++;
  }
  CHECK(b.data[b.len] == '\0');
  sxs_buf_free(&b);
  return r;
}

int main(void) {
  /* Well-formed sequences of each length. */
  CHECK(seq("a", 1) == 1);
  CHECK(seq("\xC3\xA9", 2) == 2);         /* é */
  CHECK(seq("\xE6\x97\xA5", 3) == 3);     /* 日 */
  CHECK(seq("\xF0\x9F\x98\x80", 4) == 4); /* 😀 */
  CHECK(seq("\xF4\x8F\xBF\xBF", 4) == 4); /* U+10FFFF */
  /* Ill-formed ones. */
  CHECK(seq("\x80", 1) == 0);             /* lone continuation */
  CHECK(seq("\xC0\xAF", 2) == 0);         /* overlong '/' */
  CHECK(seq("\xC1\xBF", 2) == 0);         /* overlong */
  CHECK(seq("\xE0\x9F\xBF", 3) == 0);     /* overlong 3-byte */
  CHECK(seq("\xED\xA0\x80", 3) == 0);     /* surrogate U+D800 */
  CHECK(seq("\xF0\x8F\xBF\xBF", 4) == 0); /* overlong 4-byte */
  CHECK(seq("\xF4\x90\x80\x80", 4) == 0); /* above U+10FFFF */
  CHECK(seq("\xF5\x80\x80\x80", 4) == 0);
  CHECK(seq("\xFF", 1) == 0);
  CHECK(seq("\xE6\x97", 2) == 0);         /* truncated by the end */
  CHECK(seq("\xE6\x97x", 3) == 0);        /* truncated by ASCII */

  /* Cleaning: each bad byte becomes one U+FFFD. */
  CHECK(clean_is("ok", 2, 0, "ok") == 0);
  CHECK(clean_is("a\xFF" "b", 3, 0, "a\xEF\xBF\xBD" "b") == 1);
  CHECK(clean_is("\xE6\x97", 2, 0, "\xEF\xBF\xBD\xEF\xBF\xBD") == 2);
  /* Without the XML flag controls stay (JSON escapes them itself)... */
  CHECK(clean_is("a\x01" "b", 3, 0, "a\x01" "b") == 0);
  /* ...with it they go, but tab, LF and CR stay. */
  CHECK(clean_is("a\x01\t\n\r" "b", 6, SXS_CLEAN_XML,
                 "a\xEF\xBF\xBD\t\n\r" "b") == 1);
  CHECK(clean_is("x\0y", 3, SXS_CLEAN_XML, "x\xEF\xBF\xBDy") == 1);
  CHECK(clean_is("\xEF\xBF\xBE\xEF\xBF\xBF", 6, SXS_CLEAN_XML,
                 "\xEF\xBF\xBD\xEF\xBF\xBD") == 2); /* U+FFFE, U+FFFF */
  CHECK(clean_is("\xEF\xBF\xBD", 3, SXS_CLEAN_XML, "\xEF\xBF\xBD") == 0);
  CHECK(clean_is("", 0, SXS_CLEAN_XML, "") == 0);

  /* The string set: keys with NUL bytes inside, growth past many keys. */
  sxs_strset set = {0};
  CHECK(!sxs_strset_contains(&set, "a", 1));
  CHECK(sxs_strset_add(&set, "id\0src", 6) == 1);
  CHECK(sxs_strset_add(&set, "id\0src", 6) == 0);
  CHECK(sxs_strset_contains(&set, "id\0src", 6));
  CHECK(!sxs_strset_contains(&set, "id\0srd", 6));
  CHECK(!sxs_strset_contains(&set, "id", 2));
  char key[32];
  for (int i = 0; i < 5000; i++) {
    int n = snprintf(key, sizeof key, "k%d", i);
    CHECK(sxs_strset_add(&set, key, (size_t)n) == 1);
  }
  for (int i = 0; i < 5000; i++) {
    int n = snprintf(key, sizeof key, "k%d", i);
    CHECK(sxs_strset_contains(&set, key, (size_t)n));
  }
  CHECK(set.map.count == 5001);
  sxs_strset_clear(&set);
  CHECK(set.map.count == 0 && !sxs_strset_contains(&set, "k1", 2));
  sxs_strset_free(&set);

  /* Format names round-trip. */
  for (int f = SXS_FORMAT_JSONL; f <= SXS_FORMAT_TMX; f++)
    CHECK(sxs_format_from_name(sxs_format_name((sxs_format)f)) == f);
  CHECK(sxs_format_from_name("xml") == -1);
  CHECK(sxs_format_from_name(NULL) == -1);

  if (failures) fprintf(stderr, "%d check(s) failed\n", failures);
  return failures ? 1 : 0;
}
