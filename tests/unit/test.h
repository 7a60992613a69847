/* A very small assert framework for the unit tests: every CHECK counts as
 * one passed or failed assertion; a failure prints where and why and the
 * test goes on, so that one run shows every failure. TEST_FINISH() prints
 * "N passed, N failed" and gives the exit status. */
#ifndef SXS_TEST_H
#define SXS_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int test_passed_count;
static int test_failed_count;
static const char *test_current_name = "";

static inline int test_record(int ok, const char *file, int line,
                              const char *what) {
  if (ok) {
    test_passed_count++;
  } else {
    test_failed_count++;
    fprintf(stderr, "%s:%d: [%s] FAILED: %s\n", file, line,
            test_current_name, what);
  }
  return ok;
}

#define CHECK(cond) test_record((cond) ? 1 : 0, __FILE__, __LINE__, #cond)

#define CHECK_EQ_LONG(actual, expected)                                     \
  do {                                                                      \
    long long check_a_ = (long long)(actual);                               \
    long long check_e_ = (long long)(expected);                             \
    if (!test_record(check_a_ == check_e_, __FILE__, __LINE__,              \
                     #actual " == " #expected))                             \
      fprintf(stderr, "    got %lld, expected %lld\n", check_a_, check_e_); \
  } while (0)

#define CHECK_EQ_STR(actual, expected)                                      \
  do {                                                                      \
    const char *check_a_ = (actual);                                        \
    const char *check_e_ = (expected);                                      \
    int check_ok_ = check_a_ && check_e_ && strcmp(check_a_, check_e_) == 0; \
    if (!test_record(check_ok_, __FILE__, __LINE__,                         \
                     #actual " == " #expected))                             \
      fprintf(stderr, "    got \"%s\", expected \"%s\"\n",                  \
              check_a_ ? check_a_ : "(null)",                               \
              check_e_ ? check_e_ : "(null)");                              \
  } while (0)

/* Compares len bytes at data with a NUL-terminated expected string. */
#define CHECK_EQ_MEM(data, len, expected)                                   \
  do {                                                                      \
    const char *check_d_ = (data);                                          \
    size_t check_l_ = (len);                                                \
    const char *check_e_ = (expected);                                      \
    int check_ok_ = check_l_ == strlen(check_e_) &&                         \
                    memcmp(check_d_, check_e_, check_l_) == 0;              \
    if (!test_record(check_ok_, __FILE__, __LINE__,                         \
                     #data " == " #expected))                               \
      fprintf(stderr, "    got \"%.*s\", expected \"%s\"\n", (int)check_l_, \
              check_d_, check_e_);                                          \
  } while (0)

#define RUN_TEST(fn)          \
  do {                        \
    test_current_name = #fn;  \
    fn();                     \
  } while (0)

/* Makes a fresh directory $TMPDIR/sxs-test-NAME-XXXXXX (else under /tmp)
 * into dir; returns 0, or -1 after saying why. */
static inline int test_make_dir(char *dir, size_t size, const char *name) {
  const char *tmp = getenv("TMPDIR");
  snprintf(dir, size, "%s/sxs-test-%s-XXXXXX", tmp && *tmp ? tmp : "/tmp",
           name);
  if (mkdtemp(dir)) return 0;
  perror("mkdtemp");
  return -1;
}

/* Removes what test_make_dir made, with everything in it. */
static inline void test_remove_dir(const char *dir) {
  char cmd[1100];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
}

#define TEST_FINISH()                                                   \
  (printf("%d passed, %d failed\n", test_passed_count, test_failed_count), \
   test_failed_count ? 1 : 0)

#endif
