#include "sxs/sxs_io.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "grow.h"

static void set_err(char *err, size_t errsize, const char *what) {
  if (err && errsize) snprintf(err, errsize, "%s", what);
}

static size_t read_limit = SXS_READ_LIMIT_DEFAULT;

void sxs_set_read_limit(size_t bytes) {
  /* Far above any memory, and read_limit + 1 cannot wrap. */
  if (bytes > SIZE_MAX / 4) bytes = SIZE_MAX / 4;
  read_limit = bytes ? bytes : SXS_READ_LIMIT_DEFAULT;
}

size_t sxs_read_limit(void) { return read_limit; }

static void set_too_large(char *err, size_t errsize) {
  if (err && errsize)
    snprintf(err, errsize, "larger than the read limit of %zu bytes",
             read_limit);
}

/* Returns -1 with errno set, or -2 when the data passes the read limit. */
static int read_fd(int fd, size_t hint, char **data, size_t *len) {
  if (hint > read_limit) hint = read_limit;
  size_t cap = hint + 1 > 4096 ? hint + 1 : 4096;
  size_t n = 0;
  char *buf = malloc(cap + 1);
  if (!buf) {
    errno = ENOMEM;
    return -1;
  }
  for (;;) {
    if (n == cap) {
      /* n <= read_limit here, so the buffer still grows. */
      size_t ncap = cap * 2;
      if (ncap < cap || ncap > read_limit + 1) ncap = read_limit + 1;
      char *nbuf = realloc(buf, ncap + 1);
      if (!nbuf) {
        free(buf);
        errno = ENOMEM;
        return -1;
      }
      buf = nbuf;
      cap = ncap;
    }
    ssize_t r = read(fd, buf + n, cap - n);
    if (r < 0) {
      if (errno == EINTR) continue;
      int saved = errno;
      free(buf);
      errno = saved;
      return -1;
    }
    if (r == 0) break;
    n += (size_t)r;
    if (n > read_limit) {
      free(buf);
      return -2;
    }
  }
  buf[n] = '\0';
  *data = buf;
  *len = n;
  return 0;
}

/* read_fd's result as sxs_read_file gives it: 0, or -1 with err set. */
static int read_outcome(int rc, char *err, size_t errsize) {
  if (rc == -2) set_too_large(err, errsize);
  else if (rc < 0) set_err(err, errsize, strerror(errno));
  return rc < 0 ? -1 : 0;
}

int sxs_read_file(const char *path, char **data, size_t *len, char *err,
                  size_t errsize) {
  if (strcmp(path, "-") == 0)
    return read_outcome(read_fd(STDIN_FILENO, 0, data, len), err, errsize);
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    set_err(err, errsize, strerror(errno));
    return -1;
  }
  struct stat st;
  if (fstat(fd, &st) < 0) {
    set_err(err, errsize, strerror(errno));
    close(fd);
    return -1;
  }
  if (S_ISDIR(st.st_mode)) {
    set_err(err, errsize, "is a directory");
    close(fd);
    return -1;
  }
  if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > read_limit) {
    set_too_large(err, errsize);
    close(fd);
    return -1;
  }
  int rc = read_outcome(
      read_fd(fd, S_ISREG(st.st_mode) ? (size_t)st.st_size : 0, data, len),
      err, errsize);
  close(fd);
  return rc;
}

static int list_push(sxs_path_list *list, char *path) {
  char **grown = sxs_grow(list->paths, &list->cap, list->count, sizeof *grown,
                          64);
  if (!grown) return -1;
  list->paths = grown;
  list->paths[list->count++] = path;
  return 0;
}

void sxs_path_list_free(sxs_path_list *list) {
  for (size_t i = 0; i < list->count; i++) free(list->paths[i]);
  free(list->paths);
  list->paths = NULL;
  list->count = list->cap = 0;
}

/* A directory entry, with the type readdir gives when the file system
 * knows it (DT_UNKNOWN otherwise). */
typedef struct walk_entry {
  char *name;
  unsigned char type;
} walk_entry;

static int by_name(const void *a, const void *b) {
  return strcmp(((const walk_entry *)a)->name, ((const walk_entry *)b)->name);
}

static int has_md_suffix(const char *name) {
  size_t n = strlen(name);
  return n > 3 && strcmp(name + n - 3, ".md") == 0;
}

/* ---- the walk ----------------------------------------------------------- */

/* A walk is a stack of directories being read: each frame holds one
 * directory's sorted entries, so memory follows the depth and the largest
 * directory, not the number of pages, and pages come out as they are found
 * (a corpus of a million files is not listed first). */

typedef struct walk_frame {
  char *dir; /* as joined: "ROOT/sub" */
  walk_entry *entries;
  size_t count, next;
  dev_t dev; /* to refuse a symbolic link back to an ancestor */
  ino_t ino;
} walk_frame;

struct sxs_walker {
  char *const *operands;
  size_t operand_count, next_operand, current_operand;
  walk_frame *frames;
  size_t depth, cap;
  sxs_walk_error_fn on_error;
  void *ctx;
  size_t errors;
};

static void walk_error(sxs_walker *w, const char *path, const char *message) {
  w->on_error(w->ctx, path, message);
  w->errors++;
}

static char *join(const char *dir, const char *name) {
  size_t a = strlen(dir), b = strlen(name);
  int slash = a > 0 && dir[a - 1] != '/';
  char *p = malloc(a + (size_t)slash + b + 1);
  if (!p) return NULL;
  memcpy(p, dir, a);
  if (slash) p[a] = '/';
  memcpy(p + a + (size_t)slash, name, b + 1);
  return p;
}

static void free_entries(walk_entry *entries, size_t count) {
  for (size_t i = 0; i < count; i++) free(entries[i].name);
  free(entries);
}

/* Reads directory dir (owned from here on) and pushes it, unless it is an
 * ancestor met again or too deep. */
static void push_dir(sxs_walker *w, char *dir, const struct stat *st) {
  for (size_t i = 0; i < w->depth; i++)
    if (w->frames[i].dev == st->st_dev && w->frames[i].ino == st->st_ino) {
      walk_error(w, dir, "directory loop (symbolic link to an ancestor); not followed");
      free(dir);
      return;
    }
  if (w->depth > 256) {
    walk_error(w, dir, "directories nested too deep; not walked");
    free(dir);
    return;
  }
  walk_frame *grown = sxs_grow(w->frames, &w->cap, w->depth, sizeof *grown, 8);
  if (!grown) {
    walk_error(w, dir, "out of memory");
    free(dir);
    return;
  }
  w->frames = grown;
  DIR *d = opendir(dir);
  if (!d) {
    walk_error(w, dir, strerror(errno));
    free(dir);
    return;
  }
  walk_entry *entries = NULL;
  size_t count = 0, cap = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.' &&
        (e->d_name[1] == '\0' || (e->d_name[1] == '.' && e->d_name[2] == '\0')))
      continue;
    walk_entry *grown = sxs_grow(entries, &cap, count, sizeof *grown, 32);
    if (!grown) break;
    entries = grown;
    entries[count].name = strdup(e->d_name);
    entries[count].type = e->d_type;
    if (entries[count].name) count++;
  }
  closedir(d);
  /* An empty directory has no list: qsort(NULL, 0) is undefined. */
  if (count > 1) qsort(entries, count, sizeof *entries, by_name);
  w->frames[w->depth++] =
      (walk_frame){dir, entries, count, 0, st->st_dev, st->st_ino};
}

sxs_walker *sxs_walker_new(char *const *operands, size_t count,
                           sxs_walk_error_fn on_error, void *ctx) {
  sxs_walker *w = calloc(1, sizeof *w);
  if (!w) return NULL;
  w->operands = operands;
  w->operand_count = count;
  w->on_error = on_error;
  w->ctx = ctx;
  return w;
}

/* The next page of the frame on top, or NULL when that entry is not a page
 * (a directory is pushed; trouble is reported). */
static char *next_in_frame(sxs_walker *w) {
  walk_frame *f = &w->frames[w->depth - 1];
  walk_entry *e = &f->entries[f->next++];
  /* A regular file known from readdir needs no stat: most of a corpus. */
  if (e->type == DT_REG && !has_md_suffix(e->name)) return NULL;
  char *path = join(f->dir, e->name);
  if (!path) {
    walk_error(w, f->dir, "out of memory");
    return NULL;
  }
  if (e->type == DT_REG) return path;
  struct stat st;
  if (stat(path, &st) < 0) {
    struct stat lst;
    if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode))
      walk_error(w, path, "dangling symbolic link; skipped");
    else
      walk_error(w, path, strerror(errno));
    free(path);
    return NULL;
  }
  if (S_ISDIR(st.st_mode)) {
    push_dir(w, path, &st); /* f is not valid after this */
    return NULL;
  }
  if (has_md_suffix(e->name)) {
    if (S_ISREG(st.st_mode)) return path;
    walk_error(w, path, "not a regular file; skipped");
  }
  free(path);
  return NULL;
}

char *sxs_walker_next(sxs_walker *w, size_t *operand) {
  for (;;) {
    if (w->depth > 0) {
      walk_frame *f = &w->frames[w->depth - 1];
      if (f->next == f->count) {
        free_entries(f->entries, f->count);
        free(f->dir);
        w->depth--;
        continue;
      }
      char *path = next_in_frame(w);
      if (!path) continue;
      if (operand) *operand = w->current_operand;
      return path;
    }
    if (w->next_operand == w->operand_count) return NULL;
    const char *op = w->operands[w->next_operand];
    w->current_operand = w->next_operand++;
    if (strcmp(op, "-") != 0) {
      struct stat st;
      if (stat(op, &st) < 0) {
        walk_error(w, op, strerror(errno));
        continue;
      }
      if (S_ISDIR(st.st_mode)) {
        /* Trailing slashes are dropped so that paths read "dir/file.md". */
        char *root = strdup(op);
        if (!root) {
          walk_error(w, op, "out of memory");
          continue;
        }
        size_t n = strlen(root);
        while (n > 1 && root[n - 1] == '/') root[--n] = '\0';
        push_dir(w, root, &st);
        continue;
      }
    }
    char *copy = strdup(op);
    if (!copy) {
      walk_error(w, op, "out of memory");
      continue;
    }
    if (operand) *operand = w->current_operand;
    return copy;
  }
}

size_t sxs_walker_errors(const sxs_walker *w) { return w->errors; }

void sxs_walker_free(sxs_walker *w) {
  if (!w) return;
  while (w->depth > 0) {
    walk_frame *f = &w->frames[--w->depth];
    free_entries(f->entries, f->count);
    free(f->dir);
  }
  free(w->frames);
  free(w);
}

int sxs_walk(const char *path, sxs_path_list *list, sxs_walk_error_fn on_error,
             void *ctx) {
  char *operands[1] = {(char *)path};
  sxs_walker *w = sxs_walker_new(operands, 1, on_error, ctx);
  if (!w) {
    on_error(ctx, path, "out of memory");
    return 1;
  }
  int errors = 0;
  char *page;
  while ((page = sxs_walker_next(w, NULL)) != NULL) {
    if (list_push(list, page) < 0) {
      on_error(ctx, page, "out of memory");
      free(page);
      errors++;
    }
  }
  errors += (int)sxs_walker_errors(w);
  sxs_walker_free(w);
  return errors;
}

static int make_parents(const char *path) {
  char *p = strdup(path);
  if (!p) return -1;
  for (char *s = p + 1; *s; s++) {
    if (*s != '/') continue;
    *s = '\0';
    if (mkdir(p, 0777) < 0 && errno != EEXIST) {
      int saved = errno;
      free(p);
      errno = saved;
      return -1;
    }
    *s = '/';
  }
  free(p);
  return 0;
}

/* Where a dangling symbolic link points, relative to the link's folder. */
static char *link_target(const char *link) {
  char buf[4096];
  ssize_t n = readlink(link, buf, sizeof buf - 1);
  if (n <= 0) return NULL;
  buf[n] = '\0';
  const char *slash = strrchr(link, '/');
  if (buf[0] == '/' || !slash) return strdup(buf);
  size_t dir = (size_t)(slash - link) + 1;
  char *p = malloc(dir + (size_t)n + 1);
  if (!p) return NULL;
  memcpy(p, link, dir);
  memcpy(p + dir, buf, (size_t)n + 1);
  return p;
}

struct sxs_atomic_file {
  int fd;
  char *path; /* where the file goes: a link resolved to its target */
  char *tmp;  /* the temporary file beside it; NULL when written in place */
};

static void atomic_discard(sxs_atomic_file *f) {
  if (f->fd >= 0) close(f->fd);
  if (f->tmp) unlink(f->tmp);
  free(f->tmp);
  free(f->path);
  free(f);
}

/* Fails the write: err gets errno's reason, the temporary file goes. */
static int atomic_fail(sxs_atomic_file *f, char *err, size_t errsize) {
  set_err(err, errsize, strerror(errno));
  atomic_discard(f);
  return -1;
}

/* The path writes go to: a symbolic link stays a link, and the file it
 * points to is replaced. */
static char *resolve_target(const char *path) {
  struct stat lst;
  if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode)) {
    char *target = realpath(path, NULL);
    if (!target) target = link_target(path);
    if (target) return target;
  }
  return strdup(path);
}

sxs_atomic_file *sxs_atomic_file_open(const char *path, int make_dirs,
                                      char *err, size_t errsize) {
  sxs_atomic_file *f = calloc(1, sizeof *f);
  if (!f) {
    set_err(err, errsize, "out of memory");
    return NULL;
  }
  f->fd = -1;
  struct stat st;
  if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
    if (S_ISDIR(st.st_mode)) {
      set_err(err, errsize, "is a directory");
      free(f);
      return NULL;
    }
    /* A device such as /dev/null, a FIFO: renaming a file over it would
     * replace it, so the data goes straight in. */
    f->fd = open(path, O_WRONLY | O_CLOEXEC);
    if (f->fd < 0) {
      atomic_fail(f, err, errsize);
      return NULL;
    }
    return f;
  }
  f->path = resolve_target(path);
  size_t n = f->path ? strlen(f->path) : 0;
  char *tmp = f->path ? malloc(n + 16) : NULL;
  if (!tmp) {
    set_err(err, errsize, "out of memory");
    atomic_discard(f);
    return NULL;
  }
  /* The temporary file sits beside the target so that rename is atomic. */
  const char *slash = strrchr(f->path, '/');
  size_t dir_len = slash ? (size_t)(slash - f->path) + 1 : 0;
  memcpy(tmp, f->path, dir_len);
  snprintf(tmp + dir_len, n + 16 - dir_len, ".sxs-tmp-XXXXXX");
  if ((make_dirs && make_parents(f->path) < 0) ||
      (f->fd = mkstemp(tmp)) < 0) {
    int saved = errno;
    free(tmp);
    errno = saved;
    atomic_fail(f, err, errsize);
    return NULL;
  }
  f->tmp = tmp; /* from now on, a failure removes it */
  /* Keep the mode of the file being replaced; a new file gets 0666 & umask. */
  mode_t mode;
  if (stat(f->path, &st) == 0) {
    mode = st.st_mode & 07777;
  } else {
    mode_t mask = umask(0);
    umask(mask);
    mode = 0666 & ~mask;
  }
  fchmod(f->fd, mode);
  return f;
}

int sxs_atomic_file_write(sxs_atomic_file *f, const char *data, size_t len,
                          char *err, size_t errsize) {
  size_t off = 0;
  while (off < len) {
    ssize_t w = write(f->fd, data + off, len - off);
    if (w < 0) {
      if (errno == EINTR) continue;
      return atomic_fail(f, err, errsize);
    }
    off += (size_t)w;
  }
  return 0;
}

int sxs_atomic_file_commit(sxs_atomic_file *f, char *err, size_t errsize) {
  if (f->tmp && fsync(f->fd) < 0) return atomic_fail(f, err, errsize);
  int fd = f->fd;
  f->fd = -1;
  if (close(fd) < 0) return atomic_fail(f, err, errsize);
  if (!f->tmp) {
    atomic_discard(f);
    return 0;
  }
  if (rename(f->tmp, f->path) < 0) return atomic_fail(f, err, errsize);
  free(f->tmp);
  f->tmp = NULL;
  /* The rename itself is durable once the directory is synced. */
  char *slash = strrchr(f->path, '/');
  const char *d =
      slash ? (slash == f->path ? "/" : (*slash = '\0', f->path)) : ".";
  int dfd = open(d, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    fsync(dfd);
    close(dfd);
  }
  atomic_discard(f);
  return 0;
}

void sxs_atomic_file_abort(sxs_atomic_file *f) {
  if (f) atomic_discard(f);
}

int sxs_write_file_atomic(const char *path, const char *data, size_t len,
                          int make_dirs, char *err, size_t errsize) {
  sxs_atomic_file *f = sxs_atomic_file_open(path, make_dirs, err, errsize);
  if (!f || sxs_atomic_file_write(f, data, len, err, errsize) < 0) return -1;
  return sxs_atomic_file_commit(f, err, errsize);
}
