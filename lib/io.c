#include "sxs/sxs_io.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void set_err(char *err, size_t errsize, const char *what) {
  if (err && errsize) snprintf(err, errsize, "%s", what);
}

static int read_fd(int fd, size_t hint, char **data, size_t *len) {
  size_t cap = hint + 1 > 4096 ? hint + 1 : 4096;
  size_t n = 0;
  char *buf = malloc(cap + 1);
  if (!buf) {
    errno = ENOMEM;
    return -1;
  }
  for (;;) {
    if (n == cap) {
      size_t ncap = cap * 2;
      char *nbuf = ncap > cap ? realloc(buf, ncap + 1) : NULL;
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
  }
  buf[n] = '\0';
  *data = buf;
  *len = n;
  return 0;
}

int sxs_read_file(const char *path, char **data, size_t *len, char *err,
                  size_t errsize) {
  if (strcmp(path, "-") == 0) {
    if (read_fd(STDIN_FILENO, 0, data, len) < 0) {
      set_err(err, errsize, strerror(errno));
      return -1;
    }
    return 0;
  }
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
  int rc = read_fd(fd, S_ISREG(st.st_mode) ? (size_t)st.st_size : 0, data,
                   len);
  if (rc < 0) set_err(err, errsize, strerror(errno));
  close(fd);
  return rc;
}

static int list_push(sxs_path_list *list, char *path) {
  if (list->count == list->cap) {
    size_t cap = list->cap ? list->cap * 2 : 64;
    char **paths = realloc(list->paths, cap * sizeof *paths);
    if (!paths) return -1;
    list->paths = paths;
    list->cap = cap;
  }
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

/* The directories being walked, to refuse a symbolic-link loop. */
typedef struct walk_stack {
  dev_t dev;
  ino_t ino;
  const struct walk_stack *parent;
} walk_stack;

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

static int walk_dir(const char *dir, const struct stat *st,
                    const walk_stack *parent, sxs_path_list *list,
                    sxs_walk_error_fn on_error, void *ctx, int depth) {
  for (const walk_stack *w = parent; w; w = w->parent)
    if (w->dev == st->st_dev && w->ino == st->st_ino) {
      on_error(ctx, dir, "directory loop (symbolic link to an ancestor); not followed");
      return 1;
    }
  if (depth > 256) {
    on_error(ctx, dir, "directories nested too deep; not walked");
    return 1;
  }
  walk_stack here = {st->st_dev, st->st_ino, parent};
  DIR *d = opendir(dir);
  if (!d) {
    on_error(ctx, dir, strerror(errno));
    return 1;
  }
  walk_entry *names = NULL;
  size_t count = 0, cap = 0;
  int errors = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.' &&
        (e->d_name[1] == '\0' || (e->d_name[1] == '.' && e->d_name[2] == '\0')))
      continue;
    if (count == cap) {
      cap = cap ? cap * 2 : 32;
      walk_entry *n = realloc(names, cap * sizeof *n);
      if (!n) break;
      names = n;
    }
    names[count].name = strdup(e->d_name);
    names[count].type = e->d_type;
    if (names[count].name) count++;
  }
  closedir(d);
  /* An empty directory has no list: qsort(NULL, 0) is undefined. */
  if (count > 1) qsort(names, count, sizeof *names, by_name);
  for (size_t i = 0; i < count; i++) {
    /* A regular file known from readdir needs no stat: most of a corpus. */
    if (names[i].type == DT_REG && !has_md_suffix(names[i].name)) continue;
    char *path = join(dir, names[i].name);
    if (!path) {
      errors++;
      continue;
    }
    if (names[i].type == DT_REG) {
      if (list_push(list, path) < 0) {
        free(path);
        errors++;
      }
      continue;
    }
    struct stat cst;
    if (stat(path, &cst) < 0) {
      struct stat lst;
      if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode))
        on_error(ctx, path, "dangling symbolic link; skipped");
      else
        on_error(ctx, path, strerror(errno));
      errors++;
      free(path);
      continue;
    }
    if (S_ISDIR(cst.st_mode)) {
      errors += walk_dir(path, &cst, &here, list, on_error, ctx, depth + 1);
      free(path);
    } else if (has_md_suffix(names[i].name)) {
      if (!S_ISREG(cst.st_mode)) {
        on_error(ctx, path, "not a regular file; skipped");
        errors++;
        free(path);
      } else if (list_push(list, path) < 0) {
        free(path);
        errors++;
      }
    } else {
      free(path);
    }
  }
  for (size_t i = 0; i < count; i++) free(names[i].name);
  free(names);
  return errors;
}

int sxs_walk(const char *path, sxs_path_list *list, sxs_walk_error_fn on_error,
             void *ctx) {
  if (strcmp(path, "-") != 0) {
    struct stat st;
    if (stat(path, &st) < 0) {
      on_error(ctx, path, strerror(errno));
      return 1;
    }
    if (S_ISDIR(st.st_mode)) {
      /* Trailing slashes are dropped so that paths read "dir/file.md". */
      char *root = strdup(path);
      if (!root) return 1;
      size_t n = strlen(root);
      while (n > 1 && root[n - 1] == '/') root[--n] = '\0';
      int errors = walk_dir(root, &st, NULL, list, on_error, ctx, 0);
      free(root);
      return errors;
    }
  }
  char *copy = strdup(path);
  if (!copy || list_push(list, copy) < 0) {
    free(copy);
    on_error(ctx, path, "out of memory");
    return 1;
  }
  return 0;
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

/* Writes straight into a path that is not a regular file (a device such as
 * /dev/null, a FIFO): renaming a file over it would replace the device. */
static int write_in_place(const char *path, const char *data, size_t len,
                          char *err, size_t errsize) {
  int fd = open(path, O_WRONLY | O_CLOEXEC);
  if (fd < 0) {
    set_err(err, errsize, strerror(errno));
    return -1;
  }
  size_t off = 0;
  while (off < len) {
    ssize_t w = write(fd, data + off, len - off);
    if (w < 0) {
      if (errno == EINTR) continue;
      set_err(err, errsize, strerror(errno));
      close(fd);
      return -1;
    }
    off += (size_t)w;
  }
  if (close(fd) < 0) {
    set_err(err, errsize, strerror(errno));
    return -1;
  }
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

static int write_atomic_resolved(const char *path, const char *data,
                                 size_t len, int make_dirs, char *err,
                                 size_t errsize);

int sxs_write_file_atomic(const char *path, const char *data, size_t len,
                          int make_dirs, char *err, size_t errsize) {
  struct stat st;
  if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
    if (S_ISDIR(st.st_mode)) {
      set_err(err, errsize, "is a directory");
      return -1;
    }
    return write_in_place(path, data, len, err, errsize);
  }
  /* A symbolic link stays a link: the file it points to is replaced. */
  struct stat lst;
  if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode)) {
    char *target = realpath(path, NULL);
    if (!target) target = link_target(path);
    if (target) {
      int rc = write_atomic_resolved(target, data, len, make_dirs, err,
                                     errsize);
      free(target);
      return rc;
    }
  }
  return write_atomic_resolved(path, data, len, make_dirs, err, errsize);
}

static int write_atomic_resolved(const char *path, const char *data,
                                 size_t len, int make_dirs, char *err,
                                 size_t errsize) {
  if (make_dirs && make_parents(path) < 0) {
    set_err(err, errsize, strerror(errno));
    return -1;
  }
  size_t n = strlen(path);
  char *tmp = malloc(n + 16);
  if (!tmp) {
    set_err(err, errsize, "out of memory");
    return -1;
  }
  /* The temporary file sits beside the target so that rename is atomic. */
  const char *slash = strrchr(path, '/');
  size_t dir_len = slash ? (size_t)(slash - path) + 1 : 0;
  memcpy(tmp, path, dir_len);
  snprintf(tmp + dir_len, n + 16 - dir_len, ".sxs-tmp-XXXXXX");
  int fd = mkstemp(tmp);
  if (fd < 0) {
    set_err(err, errsize, strerror(errno));
    free(tmp);
    return -1;
  }
  /* Keep the mode of the file being replaced; a new file gets 0666 & umask. */
  struct stat st;
  mode_t mode;
  if (stat(path, &st) == 0) {
    mode = st.st_mode & 07777;
  } else {
    mode_t mask = umask(0);
    umask(mask);
    mode = 0666 & ~mask;
  }
  fchmod(fd, mode);
  size_t off = 0;
  while (off < len) {
    ssize_t w = write(fd, data + off, len - off);
    if (w < 0) {
      if (errno == EINTR) continue;
      goto fail;
    }
    off += (size_t)w;
  }
  if (fsync(fd) < 0) goto fail;
  if (close(fd) < 0) {
    fd = -1;
    goto fail;
  }
  fd = -1;
  if (rename(tmp, path) < 0) goto fail;
  /* The rename itself is durable once the directory is synced. */
  {
    char *dir = strdup(path);
    if (dir) {
      char *slash = strrchr(dir, '/');
      const char *d = slash ? (slash == dir ? "/" : (*slash = '\0', dir)) : ".";
      int dfd = open(d, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
      if (dfd >= 0) {
        fsync(dfd);
        close(dfd);
      }
      free(dir);
    }
  }
  free(tmp);
  return 0;
fail:
  set_err(err, errsize, strerror(errno));
  if (fd >= 0) close(fd);
  unlink(tmp);
  free(tmp);
  return -1;
}
