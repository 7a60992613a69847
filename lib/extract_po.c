/* PO: one catalog for all pages, built and written by libgettextpo (the
 * catalog is held in memory until the end; libgettextpo needs it whole).
 *
 * The rules, which `sxs merge` reads back:
 * - msgctxt is the pair id, msgid the SOURCE, msgstr the TARGET (raw, as in
 *   the SxS page), "#: FILE:LINE" the page and line of the pair.
 * - A PO catalog cannot hold two messages with the same (msgctxt, msgid).
 *   When an earlier message already has this pair's id and SOURCE (the same
 *   page copied twice, or an id repeated in one page), the msgctxt becomes
 *   "FILE#ID" (FILE as in the #: reference: the path as walked, without
 *   a leading "./", as gettext writes it), and "FILE#ID#2", "FILE#ID#3"...
 *   if that is taken too. So a msgctxt without '#' is a pair id; otherwise
 *   the id is what follows "FILE#" (and a "#N" suffix). The #: reference
 *   always tells which page and line a message belongs to.
 * - An empty SOURCE is kept: with a msgctxt, msgid "" is an ordinary
 *   message, not the header (the header is the one without msgctxt), and
 *   msgfmt accepts it. Nothing is dropped.
 * - msgfmt -c rejects a message whose msgid and msgstr do not both begin
 *   (or both end) with a newline. Such a pair is written marked fuzzy, with
 *   a "# sxs:" comment and a warning on stderr; its msgstr is still the
 *   TARGET.
 * - Strings are cleaned as for XML (U+FFFD for bytes that are not UTF-8, for
 *   NUL and for the other C0 controls but tab, LF and CR), so that the
 *   catalog is valid UTF-8 as its header says.
 * - The header: Project-Id-Version, empty PO-Revision-Date, Last-Translator
 *   and Language-Team (sxs does not know them; present so that msgfmt -c
 *   does not warn), Language from the first locale a page names, in gettext's form
 *   (es-ES -> es_ES), MIME-Version, Content-Type UTF-8,
 *   Content-Transfer-Encoding, X-Generator.
 * libgettextpo reports errors through a global handler, so this writer is
 * not for use from two threads at once. */
#include <errno.h>
#include <fcntl.h>
#include <gettext-po.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "extract_internal.h"
#include "sxs/sxs.h"

struct sxs_po_state {
  po_file_t file;
  po_message_iterator_t it;
  po_message_t header;
  char *language;   /* gettext form of the first page's locale */
  int have_language;
  sxs_strset keys;  /* msgctxt NUL msgid of every message */
  sxs_strmap suffix; /* where FILE#ID#N resumes, by FILE#ID NUL msgid */
  sxs_buf counter;   /* that key for the current pair */
  sxs_buf key;
  sxs_buf ctxt;
};

/* libgettextpo calls its handler and expects a fatal one not to return. */
static jmp_buf *po_jump;
static char po_error_text[256];

static void on_xerror(int severity, po_message_t message,
                      const char *filename, size_t lineno, size_t column,
                      int multiline_p, const char *text) {
  (void)message;
  (void)filename;
  (void)lineno;
  (void)column;
  (void)multiline_p;
  if (severity == PO_SEVERITY_WARNING) {
    fprintf(stderr, "sxs: libgettextpo: warning: %s\n", text);
    return;
  }
  if (!po_error_text[0])
    snprintf(po_error_text, sizeof po_error_text, "%s", text);
  if (severity == PO_SEVERITY_FATAL_ERROR && po_jump) longjmp(*po_jump, 1);
}

static void on_xerror2(int severity, po_message_t message1,
                       const char *filename1, size_t lineno1, size_t column1,
                       int multiline_p1, const char *text1,
                       po_message_t message2, const char *filename2,
                       size_t lineno2, size_t column2, int multiline_p2,
                       const char *text2) {
  (void)message2;
  (void)filename2;
  (void)lineno2;
  (void)column2;
  (void)multiline_p2;
  (void)text2;
  on_xerror(severity, message1, filename1, lineno1, column1, multiline_p1,
            text1);
}

static const struct po_xerror_handler po_handler = {on_xerror, on_xerror2};

int sxs_po_begin(sxs_extract_writer *w) {
  struct sxs_po_state *po = calloc(1, sizeof *po);
  if (!po) {
    sxs_extract_fail(w, "out of memory");
    return -1;
  }
  w->po = po;
  po->file = po_file_create();
  po->it = po_message_iterator(po->file, NULL);
  po->header = po_message_create();
  po_message_set_msgid(po->header, "");
  po_message_insert(po->it, po->header);
  return 0;
}

static void set_header(struct sxs_po_state *po) {
  char text[512];
  snprintf(text, sizeof text,
           "Project-Id-Version: sxs extract\n"
           "PO-Revision-Date: \n"
           "Last-Translator: \n"
           "Language-Team: \n"
           "Language: %s\n"
           "MIME-Version: 1.0\n"
           "Content-Type: text/plain; charset=UTF-8\n"
           "Content-Transfer-Encoding: 8bit\n"
           "X-Generator: sxs %s\n",
           po->language ? po->language : "", sxs_version());
  po_message_set_msgstr(po->header, text);
}

/* es-ES -> es_ES; anything that would break a header line is dropped. */
static char *gettext_language(const char *locale) {
  size_t n = strlen(locale);
  char *out = malloc(n + 1);
  if (!out) return NULL;
  size_t j = 0;
  for (size_t i = 0; i < n; i++) {
    char c = locale[i];
    if (c == '-') c = '_';
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
        (c >= '0' && c <= '9') || c == '_' || c == '@' || c == '.')
      out[j++] = c;
  }
  out[j] = '\0';
  return out;
}

static int begins_with_newline(const char *s) { return s[0] == '\n'; }
static int ends_with_newline(const char *s) {
  size_t n = strlen(s);
  return n > 0 && s[n - 1] == '\n';
}

int sxs_po_add_page(sxs_extract_writer *w, const char *file,
                    const sxs_page *page) {
  struct sxs_po_state *po = w->po;
  if (!po->have_language && sxs_page_locale(page)[0]) {
    po->language = gettext_language(sxs_page_locale(page));
    po->have_language = 1;
  }
  size_t count = sxs_page_pair_count(page);
  if (count == 0) return 0;
  size_t data_len, replaced = 0;
  const char *data = sxs_page_data(page, &data_len);
  const sxs_pair *pairs = sxs_page_pairs(page);

  /* The cleaned file name, kept in scratch2 for the whole page. gettext
   * writes a "#:" file without its leading "./"; msgctxt uses the same
   * name, so both are stripped here. */
  const char *ref_name = file;
  while (ref_name[0] == '.' && ref_name[1] == '/') {
    ref_name += 2;
    while (ref_name[0] == '/') ref_name++;
  }
  sxs_buf_clear(&w->scratch2);
  size_t r = sxs_extract_clean(ref_name, strlen(ref_name), SXS_CLEAN_XML,
                               &w->scratch2);
  if (r == (size_t)-1) goto oom;
  sxs_extract_warn_replaced(w, file, NULL, 0, 0, r);
  const char *ref_file = w->scratch2.data;

  for (size_t i = 0; i < count; i++) {
    const sxs_pair *pair = &pairs[i];
    replaced = 0;
    /* key = id NUL source; then msgstr after another NUL, all in scratch. */
    sxs_buf *b = &w->scratch;
    sxs_buf_clear(b);
    r = sxs_extract_clean(data + pair->id.start,
                          pair->id.end - pair->id.start, SXS_CLEAN_XML, b);
    if (r == (size_t)-1) goto oom;
    replaced += r;
    size_t id_len = b->len;
    b->len++;
    size_t source_at = b->len;
    r = sxs_extract_clean(data + pair->source.start,
                          pair->source.end - pair->source.start,
                          SXS_CLEAN_XML, b);
    if (r == (size_t)-1) goto oom;
    replaced += r;
    size_t key_len = b->len;
    b->len++;
    size_t target_at = b->len;
    r = sxs_extract_clean(data + pair->target.start,
                          pair->target.end - pair->target.start,
                          SXS_CLEAN_XML, b);
    if (r == (size_t)-1) goto oom;
    replaced += r;
    const char *id = b->data;
    const char *msgid = b->data + source_at;
    const char *msgstr = b->data + target_at;

    /* The msgctxt: the id, or FILE#ID[#N] when (id, SOURCE) is taken. */
    sxs_buf *ctxt = &po->ctxt;
    sxs_buf_clear(ctxt);
    sxs_buf_append(ctxt, id, id_len);
    int added = sxs_strset_add(&po->keys, b->data, key_len);
    sxs_buf *k = &po->key, *counter = &po->counter;
    unsigned long n = 1;
    if (added == 0) {
      /* Where the search resumes is kept under FILE#ID NUL msgid. */
      sxs_buf_clear(counter);
      sxs_buf_printf(counter, "%s#%s", ref_file, id);
      sxs_buf_putc(counter, '\0');
      sxs_buf_append(counter, msgid, key_len - source_at);
      if (counter->failed) goto oom;
      n = sxs_suffix_next(&po->suffix, counter->data, counter->len, 1);
    }
    for (; added == 0; n++) {
      sxs_buf_clear(ctxt);
      sxs_buf_printf(ctxt, "%s#%s", ref_file, id);
      if (n > 1) sxs_buf_printf(ctxt, "#%lu", n);
      sxs_buf_clear(k);
      sxs_buf_append(k, ctxt->data, ctxt->len);
      sxs_buf_putc(k, '\0');
      sxs_buf_append(k, msgid, key_len - source_at);
      if (k->failed || ctxt->failed) goto oom;
      added = sxs_strset_add(&po->keys, k->data, k->len);
      if (added > 0 &&
          sxs_suffix_save(&po->suffix, counter->data, counter->len, n + 1) < 0)
        goto oom;
      if (added > 0)
        fprintf(stderr,
                "%s:%u:%u: warning: pair %s has the id and SOURCE of an "
                "earlier pair; PO msgctxt written as '%.*s' "
                "[duplicate-id]\n",
                file, pair->line, pair->column, id, (int)ctxt->len,
                ctxt->data);
    }
    if (added < 0) goto oom;
    sxs_buf_putc(ctxt, '\0');
    if (ctxt->failed) goto oom;

    po_message_t msg = po_message_create();
    po_message_set_msgctxt(msg, ctxt->data);
    po_message_set_msgid(msg, msgid);
    po_message_set_msgstr(msg, msgstr);
    po_message_add_filepos(msg, ref_file, pair->line);
    if (msgstr[0] &&
        (begins_with_newline(msgid) != begins_with_newline(msgstr) ||
         ends_with_newline(msgid) != ends_with_newline(msgstr))) {
      po_message_set_fuzzy(msg, 1);
      po_message_set_comments(
          msg, "sxs: SOURCE and TARGET differ in a leading or trailing "
               "newline\n");
      fprintf(stderr,
              "%s:%u:%u: warning: pair %s: SOURCE and TARGET differ in a "
              "leading or trailing newline; PO message marked fuzzy "
              "[newline-mismatch]\n",
              file, pair->line, pair->column, id);
    }
    po_message_insert(po->it, msg);
    sxs_extract_warn_replaced(w, file, id, pair->line, pair->column,
                              replaced);
    w->pairs++;
  }
  return 0;
oom:
  sxs_extract_fail(w, "out of memory");
  return -1;
}

/* libgettextpo writes a catalog only to a file it opens by name, and does
 * not report a failed write (a full disk would leave a truncated catalog).
 * So it writes into a pipe, named /dev/fd/N, and this thread copies the
 * pipe to the writer's FILE, checking every write. */
struct pipe_drain {
  int fd;
  FILE *out;
  int error; /* errno of the first failed read or write */
};

static void *drain_pipe(void *arg) {
  struct pipe_drain *d = arg;
  char buf[1 << 16];
  for (;;) {
    ssize_t n = read(d->fd, buf, sizeof buf);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      d->error = errno;
      break;
    }
    /* After a failed write keep reading, so that the writer never blocks. */
    if (!d->error && fwrite(buf, 1, (size_t)n, d->out) != (size_t)n)
      d->error = errno ? errno : EIO;
  }
  return NULL;
}

int sxs_po_finish(sxs_extract_writer *w) {
  struct sxs_po_state *po = w->po;
  set_header(po);
  int fds[2];
  if (pipe(fds) < 0) {
    sxs_extract_fail(w, "cannot make a pipe: %s", strerror(errno));
    return -1;
  }
  fcntl(fds[0], F_SETFD, FD_CLOEXEC);
  fcntl(fds[1], F_SETFD, FD_CLOEXEC);
  struct pipe_drain drain = {fds[0], w->fp, 0};
  pthread_t thread;
  if (pthread_create(&thread, NULL, drain_pipe, &drain) != 0) {
    close(fds[0]);
    close(fds[1]);
    sxs_extract_fail(w, "cannot start a thread");
    return -1;
  }
  char path[64];
  snprintf(path, sizeof path, "/dev/fd/%d", fds[1]);
  jmp_buf jump;
  po_error_text[0] = '\0';
  po_jump = &jump;
  int jumped = setjmp(jump);
  if (!jumped) po_file_write(po->file, path, &po_handler);
  po_jump = NULL;
  close(fds[1]);
  /* After a fatal error libgettextpo may not have closed its descriptor of
   * the pipe, and the thread would wait for an end that never comes. */
  if (jumped) pthread_cancel(thread);
  pthread_join(thread, NULL);
  close(fds[0]);
  if (po_error_text[0]) {
    sxs_extract_fail(w, "%s", po_error_text);
    return -1;
  }
  if (drain.error) {
    sxs_extract_fail(w, "cannot write: %s", strerror(drain.error));
    return -1;
  }
  return 0;
}

void sxs_po_free(sxs_extract_writer *w) {
  struct sxs_po_state *po = w->po;
  if (po->it) po_message_iterator_free(po->it);
  if (po->file) po_file_free(po->file);
  free(po->language);
  sxs_strset_free(&po->keys);
  sxs_strmap_free(&po->suffix, NULL);
  sxs_buf_free(&po->counter);
  sxs_buf_free(&po->key);
  sxs_buf_free(&po->ctxt);
  free(po);
  w->po = NULL;
}
