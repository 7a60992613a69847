/* The atomic file written piece by piece: nothing shows at its path until
 * commit, a failure or an abort leaves the original and no temporary file,
 * and the mode and symbolic links of what it replaces are kept. Reading
 * stops at the read limit, for regular files and for streams alike. A
 * growing buffer keeps what was written, whether the room it had reserved
 * was used or not. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sxs/sxs_buf.h"
#include "sxs/sxs_io.h"
#include "test.h"

static char dir[512];

static void path_in(char *buf, size_t size, const char *name) {
  snprintf(buf, size, "%s/%s", dir, name);
}

static void put(const char *name, const char *text) {
  char path[600];
  path_in(path, sizeof path, name);
  FILE *f = fopen(path, "w");
  if (f) {
    fputs(text, f);
    fclose(f);
  }
}

/* The whole file, or "(missing)". */
static const char *contents(const char *name) {
  static char buf[1 << 16];
  char path[600];
  path_in(path, sizeof path, name);
  FILE *f = fopen(path, "r");
  if (!f) return "(missing)";
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  buf[n] = '\0';
  return buf;
}

/* Temporary files left in the folder. */
static int leftovers(void) {
  DIR *d = opendir(dir);
  int n = 0;
  struct dirent *e;
  while (d && (e = readdir(d)))
    if (strncmp(e->d_name, ".sxs-tmp-", 9) == 0) n++;
  if (d) closedir(d);
  return n;
}

static void pieces_show_only_at_commit(void) {
  put("a.txt", "old\n");
  char path[600], err[256] = "";
  path_in(path, sizeof path, "a.txt");
  sxs_atomic_file *f = sxs_atomic_file_open(path, 0, err, sizeof err);
  CHECK(f != NULL);
  if (!f) return;
  CHECK(sxs_atomic_file_write(f, "new ", 4, err, sizeof err) == 0);
  CHECK_EQ_STR(contents("a.txt"), "old\n");
  CHECK(leftovers() == 1);
  CHECK(sxs_atomic_file_write(f, "text\n", 5, err, sizeof err) == 0);
  CHECK(sxs_atomic_file_commit(f, err, sizeof err) == 0);
  CHECK_EQ_STR(contents("a.txt"), "new text\n");
  CHECK(leftovers() == 0);
}

static void abort_keeps_the_original(void) {
  put("b.txt", "kept\n");
  char path[600], err[256] = "";
  path_in(path, sizeof path, "b.txt");
  sxs_atomic_file *f = sxs_atomic_file_open(path, 0, err, sizeof err);
  CHECK(f != NULL);
  if (!f) return;
  CHECK(sxs_atomic_file_write(f, "lost\n", 5, err, sizeof err) == 0);
  sxs_atomic_file_abort(f);
  CHECK_EQ_STR(contents("b.txt"), "kept\n");
  CHECK(leftovers() == 0);
}

static void mode_and_link_are_kept(void) {
  put("c.txt", "one\n");
  char path[600], link[600], err[256] = "";
  path_in(path, sizeof path, "c.txt");
  path_in(link, sizeof link, "c.link");
  chmod(path, 0640);
  unlink(link);
  CHECK(symlink("c.txt", link) == 0);
  sxs_atomic_file *f = sxs_atomic_file_open(link, 0, err, sizeof err);
  CHECK(f != NULL);
  if (!f) return;
  CHECK(sxs_atomic_file_write(f, "two\n", 4, err, sizeof err) == 0);
  CHECK(sxs_atomic_file_commit(f, err, sizeof err) == 0);
  struct stat st;
  CHECK(lstat(link, &st) == 0 && S_ISLNK(st.st_mode));
  CHECK(stat(path, &st) == 0 && (st.st_mode & 07777) == 0640);
  CHECK_EQ_STR(contents("c.txt"), "two\n");
}

static void errors_say_why(void) {
  char err[256] = "";
  sxs_atomic_file *f = sxs_atomic_file_open(dir, 0, err, sizeof err);
  CHECK(f == NULL);
  CHECK_EQ_STR(err, "is a directory");
  char path[600];
  path_in(path, sizeof path, "no/such/folder/d.txt");
  f = sxs_atomic_file_open(path, 0, err, sizeof err);
  CHECK(f == NULL);
  CHECK_EQ_STR(err, strerror(ENOENT));
  /* With make_dirs the folders are made. */
  f = sxs_atomic_file_open(path, 1, err, sizeof err);
  CHECK(f != NULL);
  if (f) {
    CHECK(sxs_atomic_file_write(f, "deep\n", 5, err, sizeof err) == 0);
    CHECK(sxs_atomic_file_commit(f, err, sizeof err) == 0);
  }
  CHECK_EQ_STR(contents("no/such/folder/d.txt"), "deep\n");
}

/* A device is written in place: renaming over /dev/full would replace it,
 * and its write error must reach the caller. */
static void devices_are_written_in_place(void) {
  char err[256] = "";
  sxs_atomic_file *f = sxs_atomic_file_open("/dev/null", 0, err, sizeof err);
  CHECK(f != NULL);
  if (f) {
    CHECK(sxs_atomic_file_write(f, "x", 1, err, sizeof err) == 0);
    CHECK(sxs_atomic_file_commit(f, err, sizeof err) == 0);
  }
  struct stat st;
  CHECK(stat("/dev/null", &st) == 0 && S_ISCHR(st.st_mode));
  if (access("/dev/full", W_OK) == 0) {
    f = sxs_atomic_file_open("/dev/full", 0, err, sizeof err);
    CHECK(f != NULL);
    if (f) CHECK(sxs_atomic_file_write(f, "x", 1, err, sizeof err) < 0);
    CHECK_EQ_STR(err, strerror(ENOSPC));
  }
}

static void put_bytes(const char *name, size_t n) {
  char path[600];
  path_in(path, sizeof path, name);
  FILE *f = fopen(path, "w");
  if (!f) return;
  for (size_t i = 0; i < n; i++) fputc('a' + (int)(i % 26), f);
  fclose(f);
}

static void read_limit_refuses_larger_files(void) {
  char path[600], err[256] = "";
  char *data = NULL;
  size_t len = 0;
  CHECK(sxs_read_limit() == SXS_READ_LIMIT_DEFAULT);
  sxs_set_read_limit(5000);
  CHECK(sxs_read_limit() == 5000);
  put_bytes("limit.md", 5000);
  path_in(path, sizeof path, "limit.md");
  CHECK(sxs_read_file(path, &data, &len, err, sizeof err) == 0);
  CHECK(len == 5000 && data && data[4999] == 'a' + 4999 % 26 && data[5000] == '\0');
  free(data);
  data = NULL;
  put_bytes("over.md", 5001);
  path_in(path, sizeof path, "over.md");
  CHECK(sxs_read_file(path, &data, &len, err, sizeof err) == -1);
  CHECK(data == NULL);
  CHECK_EQ_STR(err, "larger than the read limit of 5000 bytes");
  /* A device has no size to look at first: it is read up to the limit. */
  err[0] = '\0';
  CHECK(sxs_read_file("/dev/zero", &data, &len, err, sizeof err) == -1);
  CHECK_EQ_STR(err, "larger than the read limit of 5000 bytes");
  /* A FIFO fed by a writer that would go on for ever. */
  path_in(path, sizeof path, "pipe.md");
  CHECK(mkfifo(path, 0600) == 0);
  pid_t writer = fork();
  if (writer == 0) {
    int fd = open(path, O_WRONLY);
    char block[4096];
    memset(block, 'x', sizeof block);
    while (fd >= 0 && write(fd, block, sizeof block) > 0) {
    }
    _exit(0);
  }
  CHECK(writer > 0);
  err[0] = '\0';
  CHECK(sxs_read_file(path, &data, &len, err, sizeof err) == -1);
  CHECK_EQ_STR(err, "larger than the read limit of 5000 bytes");
  if (writer > 0) {
    kill(writer, SIGKILL); /* blocked in write, or gone on SIGPIPE */
    waitpid(writer, NULL, 0);
  }
  sxs_set_read_limit(0);
  CHECK(sxs_read_limit() == SXS_READ_LIMIT_DEFAULT);
}

static int holds_pattern(const sxs_buf *b, size_t len) {
  if (b->len != len) return 0;
  for (size_t i = 0; i < len; i++)
    if (b->data[i] != (char)('a' + i % 26)) return 0;
  return 1;
}

static void put_pattern(sxs_buf *b, size_t n) {
  for (size_t i = 0; i < n; i++) sxs_buf_putc(b, (char)('a' + b->len % 26));
}

/* A buffer grows two ways: moved whole when its room was full, or with
 * only its written bytes copied when much of its room was never written
 * (a writer reserves for the worst case). Both keep every byte. */
static void buffer_growth_keeps_what_was_written(void) {
  sxs_buf b = SXS_BUF_INIT;
  CHECK(sxs_buf_reserve(&b, 64 << 10) == 0);
  put_pattern(&b, 100);
  size_t cap = b.cap;
  CHECK(sxs_buf_reserve(&b, cap) == 0); /* room mostly unwritten */
  CHECK(b.cap >= 100 + cap);
  CHECK(holds_pattern(&b, 100));
  put_pattern(&b, b.cap - b.len); /* room full */
  size_t full = b.len;
  put_pattern(&b, 1);
  CHECK(b.cap > full);
  CHECK(holds_pattern(&b, full + 1));
  CHECK(!b.failed);
  sxs_buf_free(&b);
}

int main(void) {
  if (test_make_dir(dir, sizeof dir, "io") < 0) return 1;
  RUN_TEST(pieces_show_only_at_commit);
  RUN_TEST(abort_keeps_the_original);
  RUN_TEST(mode_and_link_are_kept);
  RUN_TEST(errors_say_why);
  RUN_TEST(devices_are_written_in_place);
  RUN_TEST(read_limit_refuses_larger_files);
  RUN_TEST(buffer_growth_keeps_what_was_written);
  test_remove_dir(dir);
  return TEST_FINISH();
}
