/* The string map keeps copies of its keys packed in chunks: every key,
 * whatever its size (empty, larger than a chunk, with NUL bytes), must
 * come back byte for byte, stay where it is while the map grows and new
 * chunks are added, and be told apart from keys that share a prefix. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strmap.h"
#include "test.h"

/* Key number i: a few bytes to some hundreds, ending in its number, so
 * that keys fill chunks unevenly and many share their first bytes. */
static size_t make_key(char *buf, size_t i) {
  size_t fill = (i * 37) % 300;
  memset(buf, 'k', fill);
  return fill + (size_t)sprintf(buf + fill, "#%zu", i);
}

static void test_many_keys(void) {
  sxs_strmap map = SXS_STRMAP_INIT;
  char key[400];
  enum { N = 20000 };
  const char **stored = calloc(N, sizeof *stored);
  int all_new = 1;
  for (size_t i = 0; i < N && all_new; i++) {
    size_t len = make_key(key, i);
    sxs_strmap_entry *e = sxs_strmap_put(&map, key, len);
    all_new = e && !e->value;
    if (!all_new) break;
    e->value = (void *)(uintptr_t)(i + 1);
    stored[i] = e->key;
  }
  CHECK(all_new);
  CHECK_EQ_LONG(map.count, N);
  int all_back = 1, same_place = 1;
  for (size_t i = 0; i < N; i++) {
    size_t len = make_key(key, i);
    all_back &= sxs_strmap_get(&map, key, len) == (void *)(uintptr_t)(i + 1);
    /* Finding the key again gives the copy made when it went in. */
    sxs_strmap_entry *e = sxs_strmap_put(&map, key, len);
    same_place &= e && e->key == stored[i] && e->key_len == len &&
                  memcmp(e->key, key, len) == 0 && e->key[len] == '\0';
  }
  CHECK(all_back);
  CHECK(same_place);
  CHECK_EQ_LONG(map.count, N);
  /* A prefix of a key is another key. */
  size_t len = make_key(key, 7);
  CHECK(sxs_strmap_get(&map, key, len - 1) == NULL);
  free(stored);
  sxs_strmap_free(&map, NULL);
  CHECK(map.slots == NULL && map.chunks == NULL && map.count == 0);
}

static void test_odd_keys(void) {
  sxs_strmap map = SXS_STRMAP_INIT;
  /* The empty key, also given as NULL (an empty buffer's data). */
  sxs_strmap_entry *e = sxs_strmap_put(&map, "", 0);
  CHECK(e && e->key_len == 0 && e->key[0] == '\0');
  if (e) e->value = "empty";
  CHECK_EQ_STR(sxs_strmap_get(&map, NULL, 0), "empty");
  /* Bytes after a NUL count. */
  e = sxs_strmap_put(&map, "a\0b", 3);
  if (e) e->value = "a-nul-b";
  e = sxs_strmap_put(&map, "a\0c", 3);
  if (e) e->value = "a-nul-c";
  CHECK_EQ_STR(sxs_strmap_get(&map, "a\0b", 3), "a-nul-b");
  CHECK_EQ_STR(sxs_strmap_get(&map, "a\0c", 3), "a-nul-c");
  CHECK(sxs_strmap_get(&map, "a", 1) == NULL);
  /* Keys larger than a chunk, between small ones. */
  size_t big = 200000;
  char *a = malloc(big), *b = malloc(big);
  memset(a, 'x', big);
  memcpy(b, a, big);
  b[big - 1] = 'y';
  e = sxs_strmap_put(&map, a, big);
  if (e) e->value = "big-x";
  e = sxs_strmap_put(&map, "small", 5);
  if (e) e->value = "small";
  e = sxs_strmap_put(&map, b, big);
  if (e) e->value = "big-y";
  CHECK_EQ_STR(sxs_strmap_get(&map, a, big), "big-x");
  CHECK_EQ_STR(sxs_strmap_get(&map, b, big), "big-y");
  CHECK_EQ_STR(sxs_strmap_get(&map, "small", 5), "small");
  CHECK_EQ_STR(sxs_strmap_get(&map, "", 0), "empty");
  CHECK_EQ_LONG(map.count, 6);
  free(a);
  free(b);
  sxs_strmap_free(&map, NULL);
}

static int freed;
static void count_free(void *value) {
  freed++;
  free(value);
}

static void test_free_values(void) {
  sxs_strmap map = SXS_STRMAP_INIT;
  for (int i = 0; i < 100; i++) {
    char key[16];
    int len = snprintf(key, sizeof key, "v%d", i % 40);
    sxs_strmap_entry *e = sxs_strmap_put(&map, key, (size_t)len);
    if (e && !e->value) e->value = malloc(8);
  }
  sxs_strmap_free(&map, count_free);
  CHECK_EQ_LONG(freed, 40);
}

int main(void) {
  RUN_TEST(test_many_keys);
  RUN_TEST(test_odd_keys);
  RUN_TEST(test_free_values);
  return TEST_FINISH();
}
