/* sxs align: several locales of the same articles into one translation
 * memory. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>
#include <unicode/utf8.h>

#include "grow.h"
#include "strmap.h"
#include "sxs/sxs.h"
#include "sxs/sxs_align.h"
#include "sxs/sxs_stats.h"

typedef struct align_text {
  const char *data; /* NULL: absent */
  size_t len;
} align_text;

typedef struct align_unit {
  char *source;
  size_t source_len;
  char **targets; /* per locale, NULL when absent */
  size_t *target_lens;
  char **occurrences;
  size_t occurrence_count, occurrence_cap;
} align_unit;

struct sxs_align {
  size_t locales;
  align_unit *units;
  size_t count, cap;
  sxs_strmap by_key; /* unit key -> index + 1 */
  sxs_buf key;
  sxs_align_counts counts;
};

sxs_align *sxs_align_new(size_t locale_count) {
  sxs_align *a = calloc(1, sizeof *a);
  if (a) a->locales = locale_count;
  return a;
}

void sxs_align_free(sxs_align *a) {
  if (!a) return;
  for (size_t i = 0; i < a->count; i++) {
    align_unit *u = &a->units[i];
    free(u->source);
    for (size_t k = 0; k < a->locales; k++) free(u->targets[k]);
    free(u->targets);
    free(u->target_lens);
    for (size_t o = 0; o < u->occurrence_count; o++) free(u->occurrences[o]);
    free(u->occurrences);
  }
  free(a->units);
  sxs_strmap_free(&a->by_key, NULL);
  sxs_buf_free(&a->key);
  free(a);
}

const sxs_align_counts *sxs_align_counts_get(const sxs_align *a) {
  return &a->counts;
}

static char *copy(const char *s, size_t n) {
  char *d = malloc(n + 1);
  if (d) {
    memcpy(d, s, n);
    d[n] = '\0';
  }
  return d;
}

/* Identical units (same source, same target in every locale) become one,
 * with all their occurrences. */
static int add_unit(sxs_align *a, const char *source, size_t source_len,
                    const align_text *targets, const char *occurrence) {
  sxs_buf *key = &a->key;
  sxs_buf_clear(key);
  sxs_buf_printf(key, "%zu:", source_len);
  sxs_buf_append(key, source, source_len);
  for (size_t k = 0; k < a->locales; k++) {
    if (!targets[k].data) {
      sxs_buf_puts(key, "-;");
      continue;
    }
    sxs_buf_printf(key, "%zu:", targets[k].len);
    sxs_buf_append(key, targets[k].data, targets[k].len);
  }
  if (key->failed) return -1;
  sxs_strmap_entry *e = sxs_strmap_put(&a->by_key, key->data, key->len);
  if (!e) return -1;
  align_unit *u;
  if (e->value) {
    u = &a->units[(uintptr_t)e->value - 1];
  } else {
    align_unit *grown = sxs_grow(a->units, &a->cap, a->count, sizeof *grown,
                                 1024);
    if (!grown) return -1;
    a->units = grown;
    u = &a->units[a->count];
    memset(u, 0, sizeof *u);
    u->targets = calloc(a->locales, sizeof *u->targets);
    u->target_lens = calloc(a->locales, sizeof *u->target_lens);
    u->source = copy(source, source_len);
    u->source_len = source_len;
    if (!u->targets || !u->target_lens || !u->source) {
      free(u->targets);
      free(u->target_lens);
      free(u->source);
      return -1;
    }
    int complete = 1;
    for (size_t k = 0; k < a->locales; k++) {
      if (!targets[k].data) {
        complete = 0;
        continue;
      }
      u->targets[k] = copy(targets[k].data, targets[k].len);
      u->target_lens[k] = targets[k].len;
      if (!u->targets[k]) return -1; /* freed with the align */
    }
    a->count++;
    e->value = (void *)(uintptr_t)a->count;
    a->counts.units++;
    if (complete) a->counts.complete_units++;
  }
  char **grown = sxs_grow(u->occurrences, &u->occurrence_cap,
                          u->occurrence_count, sizeof *grown, 2);
  if (!grown) return -1;
  u->occurrences = grown;
  char *o = copy(occurrence, strlen(occurrence));
  if (!o) return -1;
  u->occurrences[u->occurrence_count++] = o;
  return 0;
}

static int same_bytes(const char *a, sxs_range ra, const char *b,
                      sxs_range rb) {
  size_t n = ra.end - ra.start;
  return n == rb.end - rb.start && memcmp(a + ra.start, b + rb.start, n) == 0;
}

static void occurrence_name(char *buf, size_t size, const char *article,
                            const char *data, const sxs_pair *p) {
  if (p->number)
    snprintf(buf, size, "%s#%lu", article, p->number);
  else
    snprintf(buf, size, "%s#%.*s", article, (int)(p->id.end - p->id.start),
             data + p->id.start);
}

int sxs_align_add_article(sxs_align *a, const char *article,
                          const sxs_page *const *pages, sxs_align_drift_fn fn,
                          void *ctx) {
  size_t nloc = a->locales, pivot = nloc;
  for (size_t k = 0; k < nloc && pivot == nloc; k++)
    if (pages[k]) pivot = k;
  if (pivot == nloc) return 0;
  a->counts.articles++;
  const sxs_page *P = pages[pivot];
  size_t len;
  const char *pdata = sxs_page_data(P, &len);
  const sxs_pair *ppairs = sxs_page_pairs(P);
  size_t np = sxs_page_pair_count(P);
  const char *phash = sxs_page_meta(P, "ms.openlocfilehash");
  align_text *cells = calloc((np ? np : 1) * nloc, sizeof *cells);
  size_t occ_size = strlen(article) + 64;
  char *occ = malloc(occ_size);
  sxs_strmap index = SXS_STRMAP_INIT;
  size_t *next_same = NULL;
  unsigned char *claimed = NULL;
  /* claimed pairs of each locale, for the lone pairs added last */
  unsigned char **claimed_by = calloc(nloc, sizeof *claimed_by);
  unsigned char *partnered = calloc(np ? np : 1, 1);
  int rc = -1;
  if (!cells || !occ || !partnered || !claimed_by) goto done;
  for (size_t i = 0; i < np; i++) {
    cells[i * nloc + pivot].data = pdata + ppairs[i].target.start;
    cells[i * nloc + pivot].len = ppairs[i].target.end - ppairs[i].target.start;
  }
  for (size_t k = pivot + 1; k < nloc; k++) {
    const sxs_page *Q = pages[k];
    if (!Q) continue;
    const char *qdata = sxs_page_data(Q, &len);
    const sxs_pair *qpairs = sxs_page_pairs(Q);
    size_t nq = sxs_page_pair_count(Q);
    const char *qhash = sxs_page_meta(Q, "ms.openlocfilehash");
    free(next_same);
    next_same = calloc(nq ? nq : 1, sizeof *next_same);
    claimed = claimed_by[k] = calloc(nq ? nq : 1, 1);
    if (!next_same || !claimed) goto done;
    if (phash && qhash && *phash && strcmp(phash, qhash) == 0) {
      /* Same source version: the NUMBER is the pair. */
      sxs_strmap_free(&index, NULL);
      for (size_t j = nq; j-- > 0;)
        if (sxs_strmap_chain_push(&index, (const char *)&qpairs[j].number,
                                  sizeof qpairs[j].number, next_same, j) < 0)
          goto done;
      for (size_t i = 0; i < np; i++) {
        if (!ppairs[i].number) continue;
        uintptr_t c = sxs_strmap_chain_first(
            &index, (const char *)&ppairs[i].number, sizeof ppairs[i].number,
            next_same, claimed);
        if (!c) continue;
        const sxs_pair *q = &qpairs[c - 1];
        if (!same_bytes(pdata, ppairs[i].source, qdata, q->source)) {
          a->counts.drift++;
          if (fn) {
            sxs_align_drift d = {article, phash, pivot, k, P, Q,
                                 &ppairs[i], q};
            fn(ctx, &d);
          }
          continue;
        }
        claimed[c - 1] = 1;
        partnered[i] = 1;
        cells[i * nloc + k].data = qdata + q->target.start;
        cells[i * nloc + k].len = q->target.end - q->target.start;
        a->counts.pairs_by_id++;
      }
    }
    /* Otherwise, and for what the NUMBER did not settle: the same SOURCE. */
    sxs_strmap_free(&index, NULL);
    for (size_t j = nq; j-- > 0;)
      if (!claimed[j] &&
          sxs_strmap_chain_push(&index, qdata + qpairs[j].source.start,
                                qpairs[j].source.end - qpairs[j].source.start,
                                next_same, j) < 0)
        goto done;
    for (size_t i = 0; i < np; i++) {
      if (cells[i * nloc + k].data) continue;
      uintptr_t c = sxs_strmap_chain_first(
          &index, pdata + ppairs[i].source.start,
          ppairs[i].source.end - ppairs[i].source.start, next_same, claimed);
      if (!c) continue;
      const sxs_pair *q = &qpairs[c - 1];
      claimed[c - 1] = 1;
      partnered[i] = 1;
      cells[i * nloc + k].data = qdata + q->target.start;
      cells[i * nloc + k].len = q->target.end - q->target.start;
      a->counts.pairs_by_source++;
    }
  }
  int others = 0;
  for (size_t k = pivot + 1; k < nloc; k++) others |= pages[k] != NULL;
  for (size_t i = 0; i < np; i++) {
    if (others && !partnered[i]) a->counts.unaligned++;
    occurrence_name(occ, occ_size, article, pdata, &ppairs[i]);
    if (add_unit(a, pdata + ppairs[i].source.start,
                 ppairs[i].source.end - ppairs[i].source.start,
                 &cells[i * nloc], occ) < 0)
      goto done;
  }
  /* A pair of another locale with no partner is a unit of its own. */
  align_text *alone = calloc(nloc, sizeof *alone);
  if (!alone) goto done;
  for (size_t k = pivot + 1; k < nloc; k++) {
    const sxs_page *Q = pages[k];
    if (!Q) continue;
    const char *qdata = sxs_page_data(Q, &len);
    const sxs_pair *qpairs = sxs_page_pairs(Q);
    size_t nq = sxs_page_pair_count(Q);
    for (size_t j = 0; j < nq; j++) {
      if (claimed_by[k][j]) continue;
      a->counts.unaligned++;
      memset(alone, 0, nloc * sizeof *alone);
      alone[k].data = qdata + qpairs[j].target.start;
      alone[k].len = qpairs[j].target.end - qpairs[j].target.start;
      occurrence_name(occ, occ_size, article, qdata, &qpairs[j]);
      if (add_unit(a, qdata + qpairs[j].source.start,
                   qpairs[j].source.end - qpairs[j].source.start, alone,
                   occ) < 0) {
        free(alone);
        goto done;
      }
    }
  }
  free(alone);
  rc = 0;
done:
  free(cells);
  free(occ);
  free(next_same);
  for (size_t k = 0; claimed_by && k < nloc; k++) free(claimed_by[k]);
  free(claimed_by);
  free(partnered);
  sxs_strmap_free(&index, NULL);
  return rc;
}

/* ---- output -------------------------------------------------------------- */

/* XML 1.0 cannot carry every byte a page may hold: what it cannot (bytes
 * that are not UTF-8, C0 controls but tab/LF/CR, U+FFFE, U+FFFF) becomes
 * U+FFFD. */
static const char *xml_clean(sxs_buf *b, const char *s, size_t n) {
  sxs_buf_clear(b);
  int32_t i = 0;
  int32_t len = n > INT32_MAX ? INT32_MAX : (int32_t)n;
  while (i < len) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, len, c);
    if (c < 0 || (c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
        c == 0xFFFE || c == 0xFFFF)
      sxs_buf_puts(b, "\xEF\xBF\xBD");
    else
      sxs_buf_append(b, s + start, (size_t)(i - start));
  }
  sxs_buf_putc(b, '\0');
  return b->data;
}

#define X(s) ((const xmlChar *)(s))

static int write_tmx(sxs_align *a, const char *const *locales, sxs_buf *out) {
  xmlBufferPtr xb = xmlBufferCreate();
  if (!xb) return -1;
  xmlTextWriterPtr tw = xmlNewTextWriterMemory(xb, 0);
  if (!tw) {
    xmlBufferFree(xb);
    return -1;
  }
  sxs_buf scratch = SXS_BUF_INIT;
  int bad = 0;
#define W(call) bad |= (call) < 0
  W(xmlTextWriterStartDocument(tw, "1.0", "UTF-8", NULL));
  W(xmlTextWriterWriteDTD(tw, X("tmx"), NULL, X("tmx14.dtd"), NULL));
  /* Indenting only now keeps the DOCTYPE on one line. */
  xmlTextWriterSetIndent(tw, 1);
  xmlTextWriterSetIndentString(tw, X(" "));
  W(xmlTextWriterStartElement(tw, X("tmx")));
  W(xmlTextWriterWriteAttribute(tw, X("version"), X("1.4")));
  W(xmlTextWriterStartElement(tw, X("header")));
  W(xmlTextWriterWriteAttribute(tw, X("creationtool"), X("sxs align")));
  W(xmlTextWriterWriteAttribute(tw, X("creationtoolversion"), X(SXS_VERSION)));
  W(xmlTextWriterWriteAttribute(tw, X("segtype"), X("sentence")));
  W(xmlTextWriterWriteAttribute(tw, X("o-tmf"), X("SxS Markdown")));
  W(xmlTextWriterWriteAttribute(tw, X("adminlang"), X("en-US")));
  W(xmlTextWriterWriteAttribute(tw, X("srclang"), X("en-US")));
  W(xmlTextWriterWriteAttribute(tw, X("datatype"), X("markdown")));
  W(xmlTextWriterEndElement(tw));
  W(xmlTextWriterStartElement(tw, X("body")));
  for (size_t i = 0; i < a->count && !bad; i++) {
    const align_unit *u = &a->units[i];
    W(xmlTextWriterStartElement(tw, X("tu")));
    for (size_t o = 0; o < u->occurrence_count; o++) {
      W(xmlTextWriterStartElement(tw, X("prop")));
      W(xmlTextWriterWriteAttribute(tw, X("type"), X("x-occurrence")));
      W(xmlTextWriterWriteString(
          tw, X(xml_clean(&scratch, u->occurrences[o],
                          strlen(u->occurrences[o])))));
      W(xmlTextWriterEndElement(tw));
    }
    W(xmlTextWriterStartElement(tw, X("tuv")));
    W(xmlTextWriterWriteAttribute(tw, X("xml:lang"), X("en-US")));
    W(xmlTextWriterWriteElement(
        tw, X("seg"), X(xml_clean(&scratch, u->source, u->source_len))));
    W(xmlTextWriterEndElement(tw));
    for (size_t k = 0; k < a->locales; k++) {
      if (!u->targets[k]) continue;
      W(xmlTextWriterStartElement(tw, X("tuv")));
      W(xmlTextWriterWriteAttribute(
          tw, X("xml:lang"), X(xml_clean(&scratch, locales[k], strlen(locales[k])))));
      W(xmlTextWriterWriteElement(
          tw, X("seg"),
          X(xml_clean(&scratch, u->targets[k], u->target_lens[k]))));
      W(xmlTextWriterEndElement(tw));
    }
    W(xmlTextWriterEndElement(tw));
  }
  W(xmlTextWriterEndDocument(tw));
#undef W
  xmlFreeTextWriter(tw);
  if (!bad && !scratch.failed)
    sxs_buf_append(out, (const char *)xmlBufferContent(xb),
                   (size_t)xmlBufferLength(xb));
  xmlBufferFree(xb);
  sxs_buf_free(&scratch);
  return bad || out->failed ? -1 : 0;
}

static void write_jsonl(sxs_align *a, const char *const *locales,
                        sxs_buf *out) {
  for (size_t i = 0; i < a->count; i++) {
    const align_unit *u = &a->units[i];
    sxs_buf_puts(out, "{\"source\":");
    sxs_json_append_string(out, u->source, u->source_len);
    sxs_buf_puts(out, ",\"targets\":{");
    const char *sep = "";
    for (size_t k = 0; k < a->locales; k++) {
      if (!u->targets[k]) continue;
      sxs_buf_puts(out, sep);
      sxs_json_append_string(out, locales[k], strlen(locales[k]));
      sxs_buf_putc(out, ':');
      sxs_json_append_string(out, u->targets[k], u->target_lens[k]);
      sep = ",";
    }
    sxs_buf_puts(out, "},\"occurrences\":[");
    for (size_t o = 0; o < u->occurrence_count; o++) {
      if (o) sxs_buf_putc(out, ',');
      sxs_json_append_string(out, u->occurrences[o],
                             strlen(u->occurrences[o]));
    }
    sxs_buf_puts(out, "]}\n");
  }
}

int sxs_align_write(sxs_align *a, int jsonl, const char *const *locales,
                    const char *path, char *err, size_t errsize) {
  sxs_buf out = SXS_BUF_INIT;
  int rc = 0;
  if (jsonl) write_jsonl(a, locales, &out);
  else rc = write_tmx(a, locales, &out);
  if (rc < 0 || out.failed) {
    snprintf(err, errsize, "out of memory or XML writer failure");
    sxs_buf_free(&out);
    return -1;
  }
  if (!path || strcmp(path, "-") == 0) {
    if (fwrite(out.data ? out.data : "", 1, out.len, stdout) != out.len ||
        fflush(stdout) != 0) {
      snprintf(err, errsize, "cannot write to standard output");
      rc = -1;
    }
  } else {
    rc = sxs_write_file_atomic(path, out.data ? out.data : "", out.len, 0,
                               err, errsize);
  }
  sxs_buf_free(&out);
  return rc;
}
