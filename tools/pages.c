#include "pages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"

static void walk_error(void *ctx, const char *path, const char *message) {
  sxs_run_status *status = ctx;
  fprintf(stderr, "sxs: %s: %s\n", path, message);
  status->trouble = 1;
}

void sxs_collect_pages(int count, char **operands, sxs_path_list *list,
                       sxs_run_status *status) {
  for (int i = 0; i < count; i++)
    sxs_walk(operands[i], list, walk_error, status);
}

/* Reads and parses one page; every message (I/O trouble, the page's
 * diagnostics unless quiet) goes to err, so that workers can keep them in
 * order. */
static sxs_page *load_into(const char *path, int quiet, sxs_buf *err,
                           sxs_run_status *status) {
  char *data;
  size_t len;
  char why[256];
  if (sxs_read_file(path, &data, &len, why, sizeof why) < 0) {
    sxs_buf_printf(err, "sxs: %s: %s\n", path, why);
    status->trouble = 1;
    return NULL;
  }
  sxs_page *page = sxs_page_adopt(data, len);
  if (!page) {
    sxs_buf_printf(err, "sxs: %s: out of memory\n", path);
    status->trouble = 1;
    return NULL;
  }
  if (!quiet) {
    size_t n = sxs_page_diag_count(page);
    const sxs_diag *d = sxs_page_diags(page);
    for (size_t i = 0; i < n; i++) sxs_diag_append(err, path, &d[i]);
  }
  if (sxs_page_error_count(page) > 0) status->errors = 1;
  return page;
}

sxs_page *sxs_load_page(const char *path, int quiet, sxs_run_status *status) {
  sxs_buf err = SXS_BUF_INIT;
  sxs_page *page = load_into(path, quiet, &err, status);
  if (err.len) fwrite(err.data, 1, err.len, stderr);
  sxs_buf_free(&err);
  return page;
}

char *sxs_mirror_path(const char *out_dir, const char *operand,
                      const char *page) {
  size_t n = strlen(operand);
  while (n > 1 && operand[n - 1] == '/') n--;
  const char *rel;
  if (strncmp(page, operand, n) == 0 && page[n] == '/') {
    rel = page + n + 1;
  } else {
    const char *slash = strrchr(page, '/');
    rel = slash ? slash + 1 : page;
  }
  size_t len = strlen(out_dir) + 1 + strlen(rel) + 1;
  char *path = malloc(len);
  if (path) snprintf(path, len, "%s/%s", out_dir, rel);
  return path;
}

int sxs_exit_status(const sxs_run_status *status) {
  if (status->trouble) return SXS_EXIT_TROUBLE;
  if (status->errors) return SXS_EXIT_FINDINGS;
  return SXS_EXIT_OK;
}

/* ---- pages in parallel, results in order ---- */

#include <pthread.h>
#include <sched.h>

/* Beyond this many threads the pages in flight, one a thread, would be
 * what fills memory. */
#define DEFAULT_JOBS_MAX 64

int sxs_default_jobs(void) {
  int cpus = sxs_available_cpus();
  return cpus > DEFAULT_JOBS_MAX ? DEFAULT_JOBS_MAX : cpus;
}

typedef struct pool {
  sxs_walker *walker; /* where the pages come from, as they are needed */
  int source_done;
  /* Walk trouble not printed yet: it goes out just before the next page's
   * messages, so that stderr reads in walk order whatever the threads. */
  sxs_buf walk_messages;
  int walk_trouble;

  sxs_page_job *slots; /* ring of `window` jobs */
  unsigned char *done;
  size_t *held;        /* bytes each finished job holds until emitted */
  size_t held_total;
  size_t window;
  size_t jobs;
  size_t next_to_take; /* index (in walk order) of the next page to take */
  size_t next_to_emit; /* index of the next page to hand to emit */
  int emitting;        /* a thread is emitting: the others go on parsing */
  int waiting_for_room;
  int quiet;
  sxs_page_work_fn work;
  sxs_page_emit_fn emit;
  void *ctx;
  sxs_run_status *status;
  pthread_mutex_t lock;
  pthread_cond_t room;
} pool;

static void pool_walk_error(void *ctx, const char *path, const char *message) {
  pool *p = ctx;
  sxs_buf_printf(&p->walk_messages, "sxs: %s: %s\n", path, message);
  p->walk_trouble = 1;
}

/* Takes the next page into its slot (under the lock when threads run).
 * Returns 0 when there is none left. */
static int take_page(pool *p, size_t *index) {
  if (p->source_done) return 0;
  size_t operand = 0;
  char *path = sxs_walker_next(p->walker, &operand);
  if (!path) {
    p->source_done = 1;
    return 0;
  }
  *index = p->next_to_take++;
  sxs_page_job *job = &p->slots[*index % p->window];
  job->path = path;
  job->index = *index;
  job->operand = operand;
  if (p->walk_messages.len) {
    sxs_buf_append(&job->err, p->walk_messages.data, p->walk_messages.len);
    sxs_buf_clear(&p->walk_messages);
  }
  return 1;
}

static void run_job(pool *p, size_t index) {
  sxs_page_job *job = &p->slots[index % p->window];
  job->page = load_into(job->path, p->quiet, &job->err, &job->status);
  job->loaded = job->page != NULL;
  job->pairs = job->page ? sxs_page_pair_count(job->page) : 0;
  p->work(job, p->ctx);
}

void sxs_page_job_drop_page(sxs_page_job *job) {
  sxs_page_free(job->page);
  job->page = NULL;
}

static void finish_job(pool *p, sxs_page_job *job) {
  if (job->err.len) fwrite(job->err.data, 1, job->err.len, stderr);
  p->emit(job, p->ctx);
  if (job->status.trouble) p->status->trouble = 1;
  if (job->status.errors) p->status->errors = 1;
  sxs_page_job_drop_page(job);
  job->loaded = 0;
  job->pairs = 0;
  free((char *)job->path); /* the walker's copy */
  job->path = NULL;
  sxs_buf_clear(&job->out);
  sxs_buf_clear(&job->err);
  job->status.trouble = job->status.errors = 0;
  job->user = NULL;
}

/* Pages in memory at once: at most `window`, and beyond one per thread only
 * while the finished ones waiting for their turn hold less than this. A
 * wide window keeps a thread from waiting behind one slow page; the budget
 * keeps a corpus of huge pages from filling memory. */
#define HELD_BUDGET (16u << 20)

static int room_for_one_more(const pool *p) {
  size_t in_flight = p->next_to_take - p->next_to_emit;
  if (in_flight >= p->window) return 0;
  return in_flight < p->jobs || p->held_total < HELD_BUDGET;
}

static size_t job_bytes(const sxs_page_job *job) {
  size_t len = 0;
  if (job->page) sxs_page_data(job->page, &len);
  return len + job->out.len + job->err.len;
}

/* Every thread, the calling one included, takes the next page, works on it,
 * and then, unless another thread is at it, emits every finished page that
 * is next in order. No thread only dispatches: on two cores a third thread
 * that wrote the output took its share of a core from the parsers, and each
 * page cost a wake-up. A thread waits only when there is no room for one
 * more page in memory. */
static void *worker(void *arg) {
  pool *p = arg;
  pthread_mutex_lock(&p->lock);
  for (;;) {
    if (!room_for_one_more(p)) {
      if (p->source_done) break;
      p->waiting_for_room++;
      pthread_cond_wait(&p->room, &p->lock);
      p->waiting_for_room--;
      continue;
    }
    size_t index;
    if (!take_page(p, &index)) break;
    pthread_mutex_unlock(&p->lock);
    run_job(p, index);
    size_t bytes = job_bytes(&p->slots[index % p->window]);
    pthread_mutex_lock(&p->lock);
    p->done[index % p->window] = 1;
    p->held[index % p->window] = bytes;
    p->held_total += bytes;
    if (p->emitting) continue; /* the emitting thread will find it */
    p->emitting = 1;
    while (p->next_to_emit < p->next_to_take &&
           p->done[p->next_to_emit % p->window]) {
      size_t slot = p->next_to_emit % p->window;
      pthread_mutex_unlock(&p->lock);
      finish_job(p, &p->slots[slot]);
      pthread_mutex_lock(&p->lock);
      p->done[slot] = 0;
      p->held_total -= p->held[slot];
      p->next_to_emit++;
      if (p->waiting_for_room) pthread_cond_broadcast(&p->room);
    }
    p->emitting = 0;
  }
  pthread_mutex_unlock(&p->lock);
  return NULL;
}

/* Each thread keeps a CPU of its own while the pages last. Left to the
 * scheduler on this project's virtual machine, a thread woken from a wait
 * on the lock was often put on the CPU of the thread that woke it, and the
 * two then shared that CPU for milliseconds while the other CPU idled: in
 * two runs of ten, for a quarter to a third of the pool's time. Threads
 * that are placed also start at once instead of queueing behind their
 * creator (1 to 4 ms in a third of the starts). They still share out the
 * pages as they go, so one whose CPU is wanted by something else just
 * takes fewer of them. */
typedef struct placement {
  cpu_set_t allowed; /* where the process could run before the pool */
  int here;          /* the calling thread's CPU, thread 0's */
  int pinned;
} placement;

static void place_threads(placement *where) {
  where->pinned = 0;
  if (sched_getaffinity(0, sizeof where->allowed, &where->allowed) != 0)
    return;
  where->here = sched_getcpu();
  if (where->here < 0 || !CPU_ISSET(where->here, &where->allowed)) return;
  cpu_set_t one;
  CPU_ZERO(&one);
  CPU_SET(where->here, &one);
  where->pinned = pthread_setaffinity_np(pthread_self(), sizeof one, &one) == 0;
}

/* Thread i's CPU: the allowed CPUs from the calling thread's on, round and
 * round, so that more threads than CPUs share them evenly. */
static int cpu_of_thread(const placement *where, int i) {
  int skip = i % CPU_COUNT(&where->allowed);
  for (int k = 0;; k++) {
    int cpu = (where->here + k) % CPU_SETSIZE;
    if (CPU_ISSET(cpu, &where->allowed) && skip-- == 0) return cpu;
  }
}

/* Attributes that start thread i on its own CPU; 0 when it is not placed. */
static int placed_attr(const placement *where, int i, pthread_attr_t *attr) {
  if (!where->pinned || pthread_attr_init(attr) != 0) return 0;
  cpu_set_t one;
  CPU_ZERO(&one);
  CPU_SET(cpu_of_thread(where, i), &one);
  if (pthread_attr_setaffinity_np(attr, sizeof one, &one) != 0) {
    pthread_attr_destroy(attr);
    return 0;
  }
  return 1;
}

static void unplace(const placement *where) {
  if (where->pinned)
    pthread_setaffinity_np(pthread_self(), sizeof where->allowed,
                           &where->allowed);
}

static void run_pool(pool *p, int jobs) {
  p->jobs = (size_t)jobs;
  /* One thread needs one slot: each slot keeps its buffers, and more
   * would only spread the work over colder memory. */
  p->window = jobs > 1 ? (size_t)jobs * 8 : 1;
  p->slots = calloc(p->window, sizeof *p->slots);
  p->done = calloc(p->window, 1);
  p->held = calloc(p->window, sizeof *p->held);
  if (!p->slots || !p->done || !p->held) {
    fprintf(stderr, "sxs: out of memory\n");
    p->status->trouble = 1;
    free(p->slots);
    free(p->done);
    free(p->held);
    return;
  }
  pthread_t *threads = NULL;
  int started = 0;
  placement where = {.pinned = 0};
  if (jobs > 1) {
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->room, NULL);
    threads = calloc((size_t)jobs - 1, sizeof *threads);
    if (threads) place_threads(&where);
    for (int i = 0; threads && i < jobs - 1; i++) {
      pthread_attr_t attr;
      int has_attr = placed_attr(&where, i + 1, &attr);
      if (pthread_create(&threads[i], has_attr ? &attr : NULL, worker, p) == 0)
        started++;
      if (has_attr) pthread_attr_destroy(&attr);
    }
  }
  if (started == 0) {
    /* One thread, asked for or because none could start: no locking. */
    size_t index;
    while (take_page(p, &index)) {
      run_job(p, index);
      finish_job(p, &p->slots[index % p->window]);
    }
  } else {
    worker(p);
    for (int i = 0; i < started; i++) pthread_join(threads[i], NULL);
  }
  unplace(&where);
  if (jobs > 1) {
    pthread_cond_destroy(&p->room);
    pthread_mutex_destroy(&p->lock);
  }
  free(threads);
  /* Trouble met after the last page. */
  if (p->walk_messages.len)
    fwrite(p->walk_messages.data, 1, p->walk_messages.len, stderr);
  if (p->walk_trouble) p->status->trouble = 1;
  sxs_buf_free(&p->walk_messages);
  for (size_t i = 0; i < p->window; i++) {
    sxs_buf_free(&p->slots[i].out);
    sxs_buf_free(&p->slots[i].err);
  }
  free(p->slots);
  free(p->done);
  free(p->held);
}

static void init_pool(pool *p, int quiet, sxs_page_work_fn work,
                      sxs_page_emit_fn emit, void *ctx,
                      sxs_run_status *status) {
  memset(p, 0, sizeof *p);
  p->quiet = quiet;
  p->work = work;
  p->emit = emit;
  p->ctx = ctx;
  p->status = status;
}

void sxs_for_each_walked_page(int count, char **operands, int jobs, int quiet,
                              sxs_page_work_fn work, sxs_page_emit_fn emit,
                              void *ctx, sxs_run_status *status) {
  pool p;
  init_pool(&p, quiet, work, emit, ctx, status);
  p.walker = sxs_walker_new(operands, count > 0 ? (size_t)count : 0,
                            pool_walk_error, &p);
  if (!p.walker) {
    fprintf(stderr, "sxs: out of memory\n");
    status->trouble = 1;
    return;
  }
  run_pool(&p, jobs <= 0 ? sxs_default_jobs() : jobs);
  sxs_walker_free(p.walker);
}
