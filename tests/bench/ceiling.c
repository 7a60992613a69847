/* What this machine gives a second thread, with nothing of sxs in the way:
 * the same fixed work, classifying the bytes of a 256 KB buffer through a
 * table as a scanner does (loads, lookups, branches, all in cache), done
 * by one thread and then split between two, ROUNDS times by turns; prints
 * the median speed-up (tests/bench/run runs one round in each of its
 * turns). Two threads share no data and take no lock, and nothing is
 * allocated while they are timed. Where the two vCPUs share the execution
 * units of one host core, or the host runs other guests on them, this is
 * well below 2, and a -j figure of sxs near it is what the machine allows.
 *
 * Usage: ceiling [ROUNDS]   (default 9) */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SCAN_BYTES (256u << 10)

typedef struct task {
  long passes;
  const unsigned char *bytes;
  uint64_t result;
} task;

/* Where the results go, so that the work is not optimised away. */
static volatile uint64_t results;

static unsigned char byte_class[256];

static uint64_t scan(const unsigned char *bytes, long passes) {
  uint64_t counts[8] = {0};
  unsigned state = 0;
  for (long p = 0; p < passes; p++)
    for (size_t i = 0; i < SCAN_BYTES; i++) {
      unsigned c = byte_class[bytes[i]];
      counts[c]++;
      if (c == 3 && state != 3) counts[7] += i;
      state = c;
    }
  uint64_t sum = 0;
  for (int k = 0; k < 8; k++) sum = sum * 31 + counts[k];
  return sum;
}

static void *run_task(void *arg) {
  task *t = arg;
  t->result = scan(t->bytes, t->passes);
  return NULL;
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Seconds for `total` passes on `threads` threads (1 or 2). */
static double timed(long total, int threads, const unsigned char *bytes) {
  task tasks[2];
  for (int i = 0; i < threads; i++)
    tasks[i] = (task){total / threads, bytes, 0};
  double t0 = now();
  pthread_t other;
  int started = threads == 2 &&
                pthread_create(&other, NULL, run_task, &tasks[1]) == 0;
  if (threads == 2 && !started) run_task(&tasks[1]);
  run_task(&tasks[0]);
  if (started) pthread_join(other, NULL);
  double t = now() - t0;
  for (int i = 0; i < threads; i++) results += tasks[i].result;
  return t;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
  int rounds = argc > 1 ? atoi(argv[1]) : 9;
  if (rounds < 1 || rounds > 1000) rounds = 9;
  for (int c = 0; c < 256; c++)
    byte_class[c] = (unsigned char)(c < 32 ? 0 : c < 48 ? 1 : c < 58 ? 2
                                    : c < 65 ? 3 : c < 128 ? 4 : 5);
  unsigned char *bytes = malloc(SCAN_BYTES);
  double *ratios = malloc((size_t)rounds * sizeof *ratios);
  if (!bytes || !ratios) {
    fputs("ceiling: out of memory\n", stderr);
    return 2;
  }
  uint64_t x = 0x9E3779B97F4A7C15ULL;
  for (size_t i = 0; i < SCAN_BYTES; i++) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    bytes[i] = (unsigned char)(x % 128 < 100 ? 'a' + x % 26 : x % 128);
  }
  /* About 40 ms of work for one thread. */
  double t = timed(8, 1, bytes);
  long total = t > 0 ? (long)(0.04 / t * 8) : 80;
  total += total % 2;
  if (total < 2) total = 2;
  for (int r = 0; r < rounds; r++) {
    double one = timed(total, 1, bytes);
    double two = timed(total, 2, bytes);
    ratios[r] = two > 0 ? one / two : 0;
  }
  qsort(ratios, (size_t)rounds, sizeof *ratios, cmp_double);
  printf("%.2f\n", ratios[rounds / 2]);
  free(bytes);
  free(ratios);
  return 0;
}
