/* Files: reading pages, walking directories, writing without tearing. */
#ifndef SXS_IO_H
#define SXS_IO_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Reads a whole file ("-" is standard input) into a malloc'd buffer with a
 * NUL byte after its end. On failure returns -1 and writes a message (the
 * strerror text, or why the file is refused) to err. A file larger than the
 * read limit is refused: a regular file before anything is read, a pipe or
 * a device (a FIFO, /dev/zero) once the limit is passed, instead of filling
 * memory. */
int sxs_read_file(const char *path, char **data, size_t *len, char *err,
                  size_t errsize);

/* The read limit, in bytes, for every sxs_read_file of the process; 0 puts
 * back the default. Set it before reading starts: threads read it without
 * a lock. */
#define SXS_READ_LIMIT_DEFAULT ((size_t)1 << 30)
void sxs_set_read_limit(size_t bytes);
size_t sxs_read_limit(void);

/* A list of page paths, as walked. */
typedef struct sxs_path_list {
  char **paths;
  size_t count;
  size_t cap;
} sxs_path_list;

/* Called for a path that could not be walked (unreadable directory, loop,
 * missing file): the walk reports and goes on. */
typedef void (*sxs_walk_error_fn)(void *ctx, const char *path,
                                  const char *message);

/* Appends PATH to list: a file as it is, "-" as it is, a directory walked
 * recursively for regular "*.md" files in sorted (byte) order, paths joined
 * as "DIR/sub/file.md" like grep -r. Symbolic links to directories are
 * followed once (a loop is reported, not followed). Returns the number of
 * errors reported. */
int sxs_walk(const char *path, sxs_path_list *list, sxs_walk_error_fn on_error,
             void *ctx);
void sxs_path_list_free(sxs_path_list *list);

/* The same walk over several operands, one page at a time: memory follows
 * the depth of the tree and its largest directory, not the number of
 * pages. sxs_walker_next returns the next page's path (malloc'd, the caller
 * frees it) and sets *operand (may be NULL) to the index of the operand it
 * comes from; NULL when the walk is over. Trouble goes to on_error as it is
 * met, and the walk goes on. operands must outlive the walker. */
typedef struct sxs_walker sxs_walker;
sxs_walker *sxs_walker_new(char *const *operands, size_t count,
                           sxs_walk_error_fn on_error, void *ctx);
char *sxs_walker_next(sxs_walker *w, size_t *operand);
size_t sxs_walker_errors(const sxs_walker *w); /* reported so far */
void sxs_walker_free(sxs_walker *w);

/* Writes data to path atomically: a temporary file in the same directory,
 * fsync, rename over path. Missing parent directories are created when
 * make_dirs is set. On failure the original is untouched, -1 is returned
 * and err holds the reason. */
int sxs_write_file_atomic(const char *path, const char *data, size_t len,
                          int make_dirs, char *err, size_t errsize);

/* The same write made piece by piece, for output too large to hold in
 * memory: nothing shows at path until sxs_atomic_file_commit, which syncs
 * and renames. A path that is not a regular file (a device, a FIFO) is
 * written in place, as above. A failed write or commit reports in err and
 * frees the handle, leaving the original untouched; so does abort. */
typedef struct sxs_atomic_file sxs_atomic_file;
sxs_atomic_file *sxs_atomic_file_open(const char *path, int make_dirs,
                                      char *err, size_t errsize);
int sxs_atomic_file_write(sxs_atomic_file *f, const char *data, size_t len,
                          char *err, size_t errsize);
int sxs_atomic_file_commit(sxs_atomic_file *f, char *err, size_t errsize);
void sxs_atomic_file_abort(sxs_atomic_file *f);

#ifdef __cplusplus
}
#endif
#endif
