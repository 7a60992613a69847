/* The page parser on small pages written here: where pairs are found, what
 * their block context is, what is not a pair, and the exact diagnostic (code
 * and LINE:COL) for each kind of damage. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <signal.h>

#include "page_internal.h"
#include "sxs/sxs_page.h"
#include "test.h"

/* One well-formed pair, as the generator writes it. */
#define PAIR(id, target, source)                                        \
  "<span data-ttu-id=\"" id "\">" target                                \
  "</span><span class=\"sxs-lookup\"><span data-stu-id=\"" id "\">" source \
  "</span></span>"

static sxs_page *parse(const char *text) {
  sxs_page *page = sxs_page_parse(text, strlen(text));
  if (!page) {
    fprintf(stderr, "out of memory\n");
    exit(2);
  }
  return page;
}

static const char *context_at(const sxs_page *page, size_t i) {
  static char buf[128];
  if (i >= sxs_page_pair_count(page)) return "(no such pair)";
  sxs_context_format(&sxs_page_pairs(page)[i].context, buf, sizeof buf);
  return buf;
}

/* The bytes of a range of the page, as a NUL-terminated string. */
static const char *text_of(const sxs_page *page, sxs_range range) {
  static char buf[4][512];
  static int slot;
  size_t len;
  const char *data = sxs_page_data(page, &len);
  char *out = buf[slot++ % 4];
  size_t n = range.end - range.start;
  if (range.end > len || range.start > range.end || n >= sizeof buf[0])
    return "(bad range)";
  memcpy(out, data + range.start, n);
  out[n] = '\0';
  return out;
}

/* Checks everything about pair i that a test states. */
#define CHECK_PAIR(page, i, id_text, target_text, source_text, line_no,       \
                   column_no, context_text)                                   \
  do {                                                                        \
    if (CHECK(sxs_page_pair_count(page) > (i))) {                             \
      const sxs_pair *check_p_ = &sxs_page_pairs(page)[i];                    \
      CHECK_EQ_STR(text_of(page, check_p_->id), id_text);                     \
      CHECK_EQ_STR(text_of(page, check_p_->target), target_text);             \
      CHECK_EQ_STR(text_of(page, check_p_->source), source_text);             \
      CHECK_EQ_LONG(check_p_->line, line_no);                                 \
      CHECK_EQ_LONG(check_p_->column, column_no);                             \
      CHECK_EQ_STR(context_at(page, i), context_text);                        \
    }                                                                         \
  } while (0)

/* A diagnostic with this code at LINE:COL exists. */
static int has_diag(const sxs_page *page, const char *code, unsigned line,
                    unsigned column) {
  const sxs_diag *d = sxs_page_diags(page);
  for (size_t i = 0; i < sxs_page_diag_count(page); i++)
    if (strcmp(d[i].code, code) == 0 && d[i].line == line &&
        d[i].column == column)
      return 1;
  return 0;
}

static void print_diags(const sxs_page *page) {
  const sxs_diag *d = sxs_page_diags(page);
  for (size_t i = 0; i < sxs_page_diag_count(page); i++)
    sxs_diag_print(stderr, "    page", &d[i]);
}

#define CHECK_DIAG(page, code, line, column)                              \
  do {                                                                    \
    if (!CHECK(has_diag(page, code, line, column))) {                     \
      fprintf(stderr, "    expected %u:%u [%s]; the page has:\n",         \
              (unsigned)(line), (unsigned)(column), code);                \
      print_diags(page);                                                  \
    }                                                                     \
  } while (0)

#define CHECK_NO_DIAGS(page)                                              \
  do {                                                                    \
    if (!CHECK(sxs_page_diag_count(page) == 0)) print_diags(page);        \
  } while (0)

/* ---- where pairs are, and their context ---- */

static void test_paragraph_sentences(void) {
  sxs_page *page = parse(PAIR("abcde-103", "Hola.", "Hello.") " "
                         PAIR("abcde-104", "Adiós.", "Bye.") "\n");
  CHECK_NO_DIAGS(page);
  CHECK_EQ_LONG(sxs_page_pair_count(page), 2);
  CHECK_PAIR(page, 0, "abcde-103", "Hola.", "Hello.", 1, 1, "paragraph");
  /* The second pair starts one space after the first one's end. */
  const sxs_pair *p = sxs_page_pairs(page);
  if (sxs_page_pair_count(page) == 2) {
    CHECK_EQ_LONG(p[1].whole.start, p[0].whole.end + 1);
    CHECK_EQ_LONG(p[1].column, p[0].whole.end + 2);
    CHECK_EQ_LONG(p[0].number, 103);
    CHECK_EQ_LONG(p[1].number, 104);
    size_t len;
    const char *data = sxs_page_data(page, &len);
    CHECK_EQ_LONG(p[1].whole.end, len - 1);
    CHECK(memcmp(data + p[0].whole.start, "<span data-ttu-id", 17) == 0);
  }
  CHECK_PAIR(page, 1, "abcde-104", "Adiós.", "Bye.", 1,
             (long)strlen(PAIR("abcde-103", "Hola.", "Hello.") " ") + 1,
             "paragraph");
  sxs_page_free(page);
}

static void test_nested_spans(void) {
  sxs_page *page = parse(
      "Intro " PAIR("abcde-103",
                    "Pulse <span class=\"input\">Guardar</span> y "
                    "<span class=\"ui\"><span>Sí</span></span>.",
                    "Press <span class=\"input\">Save</span> and "
                    "<span class=\"ui\"><span>Yes</span></span>.") "\n");
  CHECK_NO_DIAGS(page);
  CHECK_EQ_LONG(sxs_page_pair_count(page), 1);
  CHECK_PAIR(page, 0, "abcde-103",
             "Pulse <span class=\"input\">Guardar</span> y "
             "<span class=\"ui\"><span>Sí</span></span>.",
             "Press <span class=\"input\">Save</span> and "
             "<span class=\"ui\"><span>Yes</span></span>.",
             1, 7, "paragraph");
  sxs_page_free(page);
}

static void test_code_spans_in_pair(void) {
  /* A code span may hold "<", ">" and even "</span>": it is code, it closes
   * nothing. */
  sxs_page *page = parse(
      PAIR("abcde-103", "Use `Bearer <token>` y `</span>` aquí.",
           "Use `Bearer <token>` and `</span>` here.") "\n\n"
      PAIR("abcde-104", "Dos ``a</span>` b`` fin", "Two ``a</span>` b`` end")
      "\n");
  CHECK_NO_DIAGS(page);
  CHECK_EQ_LONG(sxs_page_pair_count(page), 2);
  CHECK_PAIR(page, 0, "abcde-103", "Use `Bearer <token>` y `</span>` aquí.",
             "Use `Bearer <token>` and `</span>` here.", 1, 1, "paragraph");
  CHECK_PAIR(page, 1, "abcde-104", "Dos ``a</span>` b`` fin",
             "Two ``a</span>` b`` end", 3, 1, "paragraph");
  sxs_page_free(page);
}

static void test_multiline_pair(void) {
  sxs_page *page = parse("Antes\n" PAIR("abcde-103", "primera\nsegunda",
                                        "first\nsecond") " " PAIR(
                             "abcde-104", "tercera", "third") "\n");
  CHECK_NO_DIAGS(page);
  CHECK_EQ_LONG(sxs_page_pair_count(page), 2);
  CHECK_PAIR(page, 0, "abcde-103", "primera\nsegunda", "first\nsecond", 2, 1,
             "paragraph");
  if (sxs_page_pair_count(page) == 2) {
    /* Both TARGET and SOURCE of the first pair hold a line break: the
     * second pair starts on line 4. */
    CHECK_EQ_LONG(sxs_page_pairs(page)[1].line, 4);
    CHECK_EQ_STR(text_of(page, sxs_page_pairs(page)[1].target), "tercera");
  }
  sxs_page_free(page);
}

static void test_headings(void) {
  sxs_page *page = parse(
      "# " PAIR("abcde-103", "Título", "Title") "\n"
      "\n"
      "## <a name=\"overview\"></a>" PAIR("abcde-104", "Información", "Overview")
      "\n\n"
      "   ###### " PAIR("abcde-105", "Seis", "Six") " ###\n\n"
      PAIR("abcde-106", "Setext uno", "Setext one") "\n"
      "===\n\n"
      PAIR("abcde-107", "Setext dos", "Setext two") "\n"
      "---\n");
  CHECK_NO_DIAGS(page);
  CHECK_EQ_LONG(sxs_page_pair_count(page), 5);
  CHECK_PAIR(page, 0, "abcde-103", "Título", "Title", 1, 3, "heading:1");
  CHECK_PAIR(page, 1, "abcde-104", "Información", "Overview", 3,
             (long)strlen("## <a name=\"overview\"></a>") + 1, "heading:2");
  CHECK_PAIR(page, 2, "abcde-105", "Seis", "Six", 5, 11, "heading:6");
  CHECK_PAIR(page, 3, "abcde-106", "Setext uno", "Setext one", 7, 1,
             "heading:1");
  CHECK_PAIR(page, 4, "abcde-107", "Setext dos", "Setext two", 10, 1,
             "heading:2");
  sxs_page_free(page);
}

static void test_table_cells(void) {
  sxs_page *page = parse(
      "| " PAIR("abcde-103", "Nombre", "Name") " | " PAIR("abcde-104", "Valor",
                                                         "Value") " |\n"
      "|---|:---:|\n"
      "| " PAIR("abcde-105", "Uno", "One") " | [" PAIR("abcde-106", "Ver",
                                                      "See") "](a.md) |\n"
      PAIR("abcde-107", "Sin barras", "No pipes") " | dos\n"
      "\n"
      "Not | a table\n" PAIR("abcde-108", "Texto", "Text") "\n");
  CHECK_NO_DIAGS(page);
  CHECK_EQ_LONG(sxs_page_pair_count(page), 6);
  CHECK_PAIR(page, 0, "abcde-103", "Nombre", "Name", 1, 3, "table_cell");
  CHECK_PAIR(page, 1, "abcde-104", "Valor", "Value", 1,
             (long)strlen("| " PAIR("abcde-103", "Nombre", "Name") " | ") + 1,
             "table_cell");
  CHECK_PAIR(page, 2, "abcde-105", "Uno", "One", 3, 3, "table_cell");
  CHECK_PAIR(page, 3, "abcde-106", "Ver", "See", 3,
             (long)strlen("| " PAIR("abcde-105", "Uno", "One") " | [") + 1,
             "table_cell>link_text");
  /* A row without leading pipe still belongs to the table. */
  CHECK_PAIR(page, 4, "abcde-107", "Sin barras", "No pipes", 4, 1,
             "table_cell");
  /* No delimiter row: a paragraph. */
  CHECK_PAIR(page, 5, "abcde-108", "Texto", "Text", 7, 1, "paragraph");
  sxs_page_free(page);
}

static void test_lists(void) {
  sxs_page *page = parse(
      "- " PAIR("abcde-103", "Uno", "One") "\n"
      "  - " PAIR("abcde-104", "Anidado", "Nested") "\n"
      "    1. " PAIR("abcde-105", "Más", "More") "\n"
      "\n"
      "1. " PAIR("abcde-106", "Primero", "First") "\n"
      "2. " PAIR("abcde-107", "Segundo", "Second") "\n"
      "\n"
      "   " PAIR("abcde-108", "Continuación", "Continuation") "\n"
      "\n"
      "-   " PAIR("abcde-109", "Tres espacios", "Three spaces") "\n"
      "    " PAIR("abcde-110", "Perezoso", "Lazy") "\n"
      "\n"
      "* " PAIR("abcde-111", "Asterisco", "Asterisk") "\n"
      "\n"
      "Fuera\n");
  CHECK_NO_DIAGS(page);
  CHECK_EQ_LONG(sxs_page_pair_count(page), 9);
  CHECK_PAIR(page, 0, "abcde-103", "Uno", "One", 1, 3, "list_item>paragraph");
  CHECK_PAIR(page, 1, "abcde-104", "Anidado", "Nested", 2, 5,
             "list_item>list_item>paragraph");
  CHECK_PAIR(page, 2, "abcde-105", "Más", "More", 3, 8,
             "list_item>list_item>list_item>paragraph");
  CHECK_PAIR(page, 3, "abcde-106", "Primero", "First", 5, 4,
             "list_item>paragraph");
  CHECK_PAIR(page, 4, "abcde-107", "Segundo", "Second", 6, 4,
             "list_item>paragraph");
  CHECK_PAIR(page, 5, "abcde-108", "Continuación", "Continuation", 8, 4,
             "list_item>paragraph");
  CHECK_PAIR(page, 6, "abcde-109", "Tres espacios", "Three spaces", 10, 5,
             "list_item>paragraph");
  CHECK_PAIR(page, 7, "abcde-110", "Perezoso", "Lazy", 11, 5,
             "list_item>paragraph");
  CHECK_PAIR(page, 8, "abcde-111", "Asterisco", "Asterisk", 13, 3,
             "list_item>paragraph");
  sxs_page_free(page);
}

static void test_blockquotes_and_alerts(void) {
  sxs_page *page = parse(
      "> " PAIR("abcde-103", "Cita", "Quote") "\n"
      "\n"
      "> [!NOTE]\n"
      "> " PAIR("abcde-104", "Nota", "Note") "\n"
      "\n"
      "> [!warning]\n"
      "> - " PAIR("abcde-105", "Cuidado", "Careful") "\n"
      "\n"
      "- " PAIR("abcde-106", "Elemento", "Item") "\n"
      "\n"
      "  > [!Tip]\n"
      "  > " PAIR("abcde-107", "Consejo", "Tip") "\n"
      "\n"
      "> [!IMPORTANT]\n"
      "> | " PAIR("abcde-108", "Celda", "Cell") " |\n"
      "> |---|\n"
      "\n"
      "> [!CAUTION]\n"
      ">\n"
      "> " PAIR("abcde-109", "Precaución", "Caution") "\n"
      "\n"
      "> [!NOTA]\n"
      "> " PAIR("abcde-110", "No es alerta", "Not an alert") "\n");
  CHECK_NO_DIAGS(page);
  CHECK_EQ_LONG(sxs_page_pair_count(page), 8);
  CHECK_PAIR(page, 0, "abcde-103", "Cita", "Quote", 1, 3,
             "blockquote>paragraph");
  CHECK_PAIR(page, 1, "abcde-104", "Nota", "Note", 4, 3,
             "alert:note>paragraph");
  CHECK_PAIR(page, 2, "abcde-105", "Cuidado", "Careful", 7, 5,
             "alert:warning>list_item>paragraph");
  CHECK_PAIR(page, 3, "abcde-106", "Elemento", "Item", 9, 3,
             "list_item>paragraph");
  CHECK_PAIR(page, 4, "abcde-107", "Consejo", "Tip", 12, 5,
             "list_item>alert:tip>paragraph");
  CHECK_PAIR(page, 5, "abcde-108", "Celda", "Cell", 15, 5,
             "alert:important>table_cell");
  /* "[!CAUTION]" alone is the alert's first paragraph; the pair is in the
   * second one, still inside the alert. */
  CHECK_PAIR(page, 6, "abcde-109", "Precaución", "Caution", 20, 3,
             "alert:caution>paragraph");
  CHECK_PAIR(page, 7, "abcde-110", "No es alerta", "Not an alert", 23, 3,
             "blockquote>paragraph");
  sxs_page_free(page);
}

static void test_link_text_and_image_alt(void) {
  sxs_page *page = parse(
      "[" PAIR("abcde-103", "Soporte", "Support") "](get-support.md)\n"
      "\n"
      "![" PAIR("abcde-104", "Captura", "Screenshot") "](a.png)\n"
      "\n"
      "Ver " PAIR("abcde-105", "[![alt](a.png)](a.png#lightbox)",
                  "[![alt](a.png)](a.png#lightbox)") "\n"
      "\n"
      "[" PAIR("abcde-106", "Ref", "Ref") "][ref]\n"
      "\n"
      "[ref]: https://example.com\n"
      "\n"
      "[" PAIR("abcde-107", "Sin destino", "No destination") "] solo\n");
  CHECK_NO_DIAGS(page);
  CHECK_EQ_LONG(sxs_page_pair_count(page), 5);
  CHECK_PAIR(page, 0, "abcde-103", "Soporte", "Support", 1, 2,
             "paragraph>link_text");
  CHECK_PAIR(page, 1, "abcde-104", "Captura", "Screenshot", 3, 3,
             "paragraph>image_alt");
  CHECK_PAIR(page, 2, "abcde-105", "[![alt](a.png)](a.png#lightbox)",
             "[![alt](a.png)](a.png#lightbox)", 5, 5, "paragraph");
  CHECK_PAIR(page, 3, "abcde-106", "Ref", "Ref", 7, 2, "paragraph>link_text");
  /* Brackets that make no link: plain text. */
  CHECK_PAIR(page, 4, "abcde-107", "Sin destino", "No destination", 11, 2,
             "paragraph");
  sxs_page_free(page);
}

static void test_html_blocks(void) {
  sxs_page *page = parse(
      "<ul>\n"
      "<li>" PAIR("abcde-103", "Uno", "One") "</li>\n"
      "<li>" PAIR("abcde-104", "Dos", "Two") " " PAIR("abcde-105", "Tres",
                                                      "Three") "</li>\n"
      "</ul>\n"
      "\n"
      "<table><tr><td>" PAIR("abcde-106", "Celda", "Cell") "</td></tr>\n"
      "</table>\n"
      "\n"
      "- <p>" PAIR("abcde-107", "En lista", "In list") "</p>\n");
  CHECK_NO_DIAGS(page);
  CHECK_EQ_LONG(sxs_page_pair_count(page), 5);
  CHECK_PAIR(page, 0, "abcde-103", "Uno", "One", 2, 5, "html_block");
  CHECK_PAIR(page, 1, "abcde-104", "Dos", "Two", 3, 5, "html_block");
  CHECK_PAIR(page, 2, "abcde-105", "Tres", "Three", 3,
             (long)strlen("<li>" PAIR("abcde-104", "Dos", "Two") " ") + 1,
             "html_block");
  CHECK_PAIR(page, 3, "abcde-106", "Celda", "Cell", 6, 16, "html_block");
  CHECK_PAIR(page, 4, "abcde-107", "En lista", "In list", 9, 6,
             "list_item>html_block");
  sxs_page_free(page);
}

static void test_code_is_not_a_pair(void) {
  sxs_page *page = parse(
      "```html\n" PAIR("abcde-103", "Código", "Code") "\n"
      "<span class=\"sxs-lookup\">\n"
      "```\n"
      "\n"
      "    " PAIR("abcde-104", "Sangrado", "Indented") "\n"
      "\n"
      "Texto `" PAIR("abcde-105", "En línea", "Inline") "` fin\n"
      "\n"
      "~~~~\n" PAIR("abcde-106", "Tilde", "Tilde") "\n~~~~\n"
      "\n"
      "- a\n"
      "\n"
      "      " PAIR("abcde-107", "Código en lista", "Code in list") "\n"
      "\n"
      "```this.forceLegacyGrid();``` " PAIR("abcde-108", "Sí", "Yes") "\n");
  CHECK_NO_DIAGS(page);
  /* Only the pair after an inline code span that merely looks like a fence
   * is a pair. */
  CHECK_EQ_LONG(sxs_page_pair_count(page), 1);
  CHECK_PAIR(page, 0, "abcde-108", "Sí", "Yes", 18, 31, "paragraph");
  sxs_page_free(page);
}

static void test_crlf(void) {
  sxs_page *page = parse("# " PAIR("abcde-103", "Título", "Title") "\r\n"
                         "\r\n"
                         "- " PAIR("abcde-104", "Uno\r\ndos", "One\r\ntwo")
                         "\r\n"
                         "- " PAIR("abcde-105", "Tres", "Three") "\r\n");
  CHECK_NO_DIAGS(page);
  CHECK_EQ_LONG(sxs_page_pair_count(page), 3);
  CHECK_PAIR(page, 0, "abcde-103", "Título", "Title", 1, 3, "heading:1");
  CHECK_PAIR(page, 1, "abcde-104", "Uno\r\ndos", "One\r\ntwo", 3, 3,
             "list_item>paragraph");
  /* The first item's TARGET and SOURCE each hold a CRLF. */
  CHECK_PAIR(page, 2, "abcde-105", "Tres", "Three", 6, 3,
             "list_item>paragraph");
  sxs_page_free(page);
}

static void test_bom_and_front_matter(void) {
  sxs_page *page = parse("\xEF\xBB\xBF---\n"
                         "title: Título\n"
                         "ms.contentlocale: es-ES\n"
                         "---\n"
                         "# " PAIR("abcde-103", "Título", "Title") "\n");
  CHECK_NO_DIAGS(page);
  CHECK_EQ_LONG(sxs_page_pair_count(page), 1);
  CHECK_PAIR(page, 0, "abcde-103", "Título", "Title", 5, 3, "heading:1");
  CHECK_EQ_STR(sxs_page_locale(page), "es-ES");
  CHECK_EQ_STR(sxs_page_meta(page, "title"), "Título");
  sxs_page_free(page);

  /* A BOM without front matter: columns count bytes from after the BOM,
   * which editors do not show; the byte offsets still count it. */
  page = parse("\xEF\xBB\xBF" PAIR("abcde-103", "Hola", "Hello") "\n");
  CHECK_NO_DIAGS(page);
  CHECK_PAIR(page, 0, "abcde-103", "Hola", "Hello", 1, 1, "paragraph");
  if (sxs_page_pair_count(page) == 1)
    CHECK_EQ_LONG(sxs_page_pairs(page)[0].whole.start, 3);
  sxs_page_free(page);

  /* Front matter holds no pairs even when it looks like it does. */
  page = parse("---\n"
               "title: " PAIR("abcde-101", "T", "T") "\n"
               "---\n" PAIR("abcde-103", "Hola", "Hello") "\n");
  CHECK_EQ_LONG(sxs_page_pair_count(page), 1);
  CHECK_PAIR(page, 0, "abcde-103", "Hola", "Hello", 4, 1, "paragraph");
  sxs_page_free(page);
}

/* ---- damage ---- */

static void test_unclosed_target(void) {
  sxs_page *page = parse(
      PAIR("abcde-103", "Bien", "Fine") "\n\n"
      "Texto <span data-ttu-id=\"abcde-104\">sin cierre\n\n"
      PAIR("abcde-105", "Después", "After") "\n");
  CHECK_DIAG(page, "unclosed-span", 3, 7);
  CHECK(sxs_page_error_count(page) >= 1);
  CHECK_EQ_LONG(sxs_page_pair_count(page), 2);
  CHECK_PAIR(page, 0, "abcde-103", "Bien", "Fine", 1, 1, "paragraph");
  CHECK_PAIR(page, 1, "abcde-105", "Después", "After", 5, 1, "paragraph");
  sxs_page_free(page);
}

static void test_missing_lookup(void) {
  sxs_page *page = parse(
      "<span data-ttu-id=\"abcde-103\">Solo destino</span> y más\n\n"
      PAIR("abcde-104", "Después", "After") "\n");
  CHECK_DIAG(page, "missing-lookup", 1, 1);
  CHECK_EQ_LONG(sxs_page_pair_count(page), 1);
  CHECK_PAIR(page, 0, "abcde-104", "Después", "After", 3, 1, "paragraph");
  sxs_page_free(page);
}

static void test_id_mismatch(void) {
  sxs_page *page = parse(
      "- <span data-ttu-id=\"abcde-103\">Uno</span><span class=\"sxs-lookup\">"
      "<span data-stu-id=\"abcde-130\">One</span></span>\n"
      "- " PAIR("abcde-104", "Dos", "Two") "\n");
  /* Reported where the differing id is: the data-stu-id value. */
  CHECK_DIAG(page, "id-mismatch", 1,
             (long)strlen("- <span data-ttu-id=\"abcde-103\">Uno</span>"
                          "<span class=\"sxs-lookup\"><span data-stu-id=\"") +
                 1);
  CHECK(sxs_page_error_count(page) >= 1);
  /* The second pair is intact whatever became of the first. */
  size_t n = sxs_page_pair_count(page);
  CHECK(n >= 1);
  if (n >= 1)
    CHECK_PAIR(page, n - 1, "abcde-104", "Dos", "Two", 2, 3,
               "list_item>paragraph");
  sxs_page_free(page);
}

static void test_duplicate_and_order(void) {
  sxs_page *page = parse(PAIR("abcde-103", "Uno", "One") "\n\n"
                         PAIR("abcde-103", "Otra vez", "Again") "\n\n"
                         PAIR("abcde-110", "Diez", "Ten") "\n\n"
                         "# " PAIR("abcde-105", "Atrás", "Back") "\n");
  /* Both point at the id value, after '<span data-ttu-id="' (19 bytes). */
  CHECK_DIAG(page, "duplicate-id", 3, 20);
  CHECK_DIAG(page, "id-order", 7, 22);
  /* Both are findings about well-formed pairs: nothing is dropped. */
  CHECK_EQ_LONG(sxs_page_pair_count(page), 4);
  CHECK_PAIR(page, 3, "abcde-105", "Atrás", "Back", 7, 3, "heading:1");
  sxs_page_free(page);
}

static void test_entity_escaped(void) {
  sxs_page *page = parse(
      PAIR("abcde-103", "Bien", "Fine") " "
      "<span data-ttu-id=&quot;abcde-104&quot;>Roto</span>"
      "<span class=&quot;sxs-lookup&quot;><span data-stu-id=&quot;abcde-104"
      "&quot;>Broken</span></span>\n"
      "\n"
      "<span data-ttu-id=\"abcde-105\">Medio</span>"
      "<span class=&quot;sxs-lookup&quot;><span data-stu-id=\"abcde-105\">"
      "Half</span></span>\n"
      "\n" PAIR("abcde-106", "Después", "After") "\n");
  long first_col = (long)strlen(PAIR("abcde-103", "Bien", "Fine") " ") + 1;
  CHECK_DIAG(page, "escaped-markup", 1, first_col);
  CHECK_DIAG(page, "escaped-markup", 3,
             (long)strlen("<span data-ttu-id=\"abcde-105\">Medio</span>") + 1);
  CHECK(sxs_page_error_count(page) >= 2);
  size_t n = sxs_page_pair_count(page);
  CHECK(n >= 2);
  if (n >= 2) {
    CHECK_PAIR(page, 0, "abcde-103", "Bien", "Fine", 1, 1, "paragraph");
    CHECK_PAIR(page, n - 1, "abcde-106", "Después", "After", 5, 1,
               "paragraph");
  }
  sxs_page_free(page);
}

static void test_encoding_damage(void) {
  sxs_page *page = parse(PAIR("abcde-103", "Mal \xFF byte", "Bad byte") "\n"
                         PAIR("abcde-104", "Corto \xC3", "Short") "\n");
  CHECK_DIAG(page, "invalid-utf8", 1,
             (long)strlen("<span data-ttu-id=\"abcde-103\">Mal ") + 1);
  CHECK_DIAG(page, "invalid-utf8", 2,
             (long)strlen("<span data-ttu-id=\"abcde-104\">Corto ") + 1);
  CHECK_EQ_LONG(sxs_page_pair_count(page), 2);
  sxs_page_free(page);

  static const char with_nul[] =
      PAIR("abcde-103", "Uno", "One") "\n\n"
      "<span data-ttu-id=\"abcde-104\">N\0L</span><span class=\"sxs-lookup\">"
      "<span data-stu-id=\"abcde-104\">NUL</span></span>\n\n"
      PAIR("abcde-105", "Tres", "Three") "\n";
  page = sxs_page_parse(with_nul, sizeof with_nul - 1);
  CHECK(page != NULL);
  if (!page) return;
  CHECK_DIAG(page, "nul-byte", 3,
             (long)strlen("<span data-ttu-id=\"abcde-104\">N") + 1);
  CHECK(sxs_page_error_count(page) >= 1);
  size_t n = sxs_page_pair_count(page);
  CHECK(n >= 2);
  if (n >= 2) {
    CHECK_PAIR(page, 0, "abcde-103", "Uno", "One", 1, 1, "paragraph");
    CHECK_PAIR(page, n - 1, "abcde-105", "Tres", "Three", 5, 1, "paragraph");
  }
  sxs_page_free(page);
}

static void test_stray_lookup(void) {
  sxs_page *page = parse(
      PAIR("abcde-103", "Uno", "One") "\n\n"
      "Texto <span class=\"sxs-lookup\"><span data-stu-id=\"abcde-104\">Lone"
      "</span></span>\n\n" PAIR("abcde-105", "Tres", "Three") "\n");
  CHECK_DIAG(page, "stray-lookup", 3, 7);
  CHECK_EQ_LONG(sxs_page_pair_count(page), 2);
  CHECK_PAIR(page, 1, "abcde-105", "Tres", "Three", 5, 1, "paragraph");
  sxs_page_free(page);
}

static void test_clean_page_has_no_diags(void) {
  /* Guards the damage tests: their diagnostics come from the damage, not
   * from something every page gets. */
  sxs_page *page = parse("---\ntitle: x\n---\n# " PAIR("abcde-103", "A", "A")
                         "\n\n" PAIR("abcde-104", "B", "B") "\n");
  CHECK_NO_DIAGS(page);
  CHECK_EQ_LONG(sxs_page_error_count(page), 0);
  CHECK_EQ_LONG(sxs_page_pair_count(page), 2);
  sxs_page_free(page);
}

/* ---- corners where cmark-gfm 0.29 is the reference ----
 * Each expected context below is what tests/tools/sxs_cmark_context prints
 * for the same text. */

/* Only the context of the page's single pair (or "(none)"). */
static const char *only_context(const char *text) {
  static char buf[128];
  sxs_page *page = parse(text);
  if (sxs_page_pair_count(page) == 0) snprintf(buf, sizeof buf, "(none)");
  else sxs_context_format(&sxs_page_pairs(page)[0].context, buf, sizeof buf);
  sxs_page_free(page);
  return buf;
}

#define ONE PAIR("abcde-103", "Hola", "Hello")

static void test_source_ending_in_nested_span(void) {
  /* SOURCE's own span closes right before the pair's "</span></span>". */
  sxs_page *page = parse(
      PAIR("abcde-103", "Pulse <span class=\"ui\">Guardar</span>",
           "Press <span class=\"ui\">Save</span>") "\n");
  CHECK_NO_DIAGS(page);
  CHECK_PAIR(page, 0, "abcde-103", "Pulse <span class=\"ui\">Guardar</span>",
             "Press <span class=\"ui\">Save</span>", 1, 1, "paragraph");
  sxs_page_free(page);
}

static void test_blank_quote_line_keeps_list_item(void) {
  /* A line holding only ">" is blank inside the quote: the list item
   * around it stays open. */
  CHECK_EQ_STR(only_context("> - a\n>\n>   " ONE "\n"),
               "blockquote>list_item>paragraph");
  CHECK_EQ_STR(only_context("> 1. a\n> \n>    " ONE "\n"),
               "blockquote>list_item>paragraph");
  CHECK_EQ_STR(only_context(">  1. a\n>\n>     " ONE "\n"),
               "blockquote>list_item>paragraph");
  CHECK_EQ_STR(only_context("> [!NOTE]\n> - a\n>\n>   " ONE "\n"),
               "alert:note>list_item>paragraph");
  /* Not enough indentation: the item is closed. */
  CHECK_EQ_STR(only_context("> - a\n>\n> " ONE "\n"), "blockquote>paragraph");
}

static void test_whitespace_line_in_empty_item(void) {
  /* cmark-gfm checks indentation before blankness: a whitespace-only line
   * indented enough keeps an item that began empty open. */
  CHECK_EQ_STR(only_context("-\n  \n  " ONE "\n"), "list_item>paragraph");
  CHECK_EQ_STR(only_context("-\n\n  " ONE "\n"), "paragraph");
}

static void test_tabs_across_containers(void) {
  /* A tab is 1 to 4 columns; containers may each take part of one. */
  CHECK_EQ_STR(only_context("* + " ONE "\n\t===\n"),
               "list_item>list_item>heading:1");
  CHECK_EQ_STR(only_context("- - a\n\n\t" ONE "\n"),
               "list_item>list_item>paragraph");
  CHECK_EQ_STR(only_context("> -   # h\n>\t   " ONE "\n"),
               "blockquote>list_item>paragraph");
  CHECK_EQ_STR(only_context("* + " ONE "\n    ===\n"),
               "list_item>list_item>heading:1");
}

static void test_valid_utf8_flag(void) {
  /* Whether the text of pairs may skip a second UTF-8 check. */
  sxs_page *page = parse(ONE "\nCaf\xC3\xA9 \xE2\x82\xAC.\n");
  CHECK_EQ_LONG(sxs_page_is_valid_utf8(page), 1);
  sxs_page_free(page);
  page = parse(ONE "\nBad \xC3( byte.\n");
  CHECK_EQ_LONG(sxs_page_is_valid_utf8(page), 0);
  sxs_page_free(page);
  page = parse(ONE "\nSurrogate \xED\xA0\x80.\n");
  CHECK_EQ_LONG(sxs_page_is_valid_utf8(page), 0);
  sxs_page_free(page);
  /* A NUL byte is an error of its own, but well-formed UTF-8. */
  static const char with_nul[] = "a\0b\n";
  page = sxs_page_parse(with_nul, sizeof with_nul - 1);
  CHECK_EQ_LONG(sxs_page_is_valid_utf8(page), 1);
  sxs_page_free(page);
}

static void test_reference_label_escapes(void) {
  /* A link label ends at the first "]" not escaped, and holds no
   * unescaped "[". */
  CHECK_EQ_STR(only_context("[a\\]b]: /u\n\n[" ONE "][a\\]b]\n"),
               "paragraph>link_text");
  CHECK_EQ_STR(only_context("[a\\[b]: /u\n\n[" ONE "][a\\[b]\n"),
               "paragraph>link_text");
  CHECK_EQ_STR(only_context("[a\\]b]: /u\n\n[" ONE "][a]b]\n"), "paragraph");
  CHECK_EQ_STR(only_context("[x]: /u\n\n[" ONE "][a[b]\n"), "paragraph");
}

static void test_closing_tag_html_blocks(void) {
  /* cmark-gfm starts an HTML block (kind 7) at a lone closing tag, </pre>,
   * </script> and </style> included, and lets it interrupt a paragraph of
   * a container the line does not continue. */
  CHECK_EQ_STR(only_context("</pre>\n" ONE "\n"), "html_block");
  CHECK_EQ_STR(only_context("</script>\n" ONE "\n"), "html_block");
  CHECK_EQ_STR(only_context("</style>\n" ONE "\n"), "html_block");
  CHECK_EQ_STR(only_context("- para\n</pre>\n" ONE "\n"), "html_block");
  CHECK_EQ_STR(only_context("> para\n</pre>\n" ONE "\n"), "html_block");
  CHECK_EQ_STR(only_context("- para\n</div>\n" ONE "\n"), "html_block");
  /* A kind 7 block cannot interrupt a paragraph it continues. */
  CHECK_EQ_STR(only_context("para\n</foo>\n" ONE "\n"), "paragraph");
}

/* CommonMark's open and closing tag, read one byte at a time the plain way:
 * the oracle for sxs_html_tag_end's table lookups and 16-byte searches. */
static size_t reference_tag_end(const char *s, size_t p, size_t end) {
#define ALPHA(c) (((c) >= 'a' && (c) <= 'z') || ((c) >= 'A' && (c) <= 'Z'))
#define ALNUM(c) (ALPHA(c) || ((c) >= '0' && (c) <= '9'))
#define SPACE(c) ((c) == ' ' || (c) == '\t' || (c) == '\n' || (c) == '\r')
  if (p >= end || s[p] != '<') return 0;
  p++;
  int closing = p < end && s[p] == '/';
  if (closing) p++;
  if (p >= end || !ALPHA(s[p])) return 0;
  while (p < end && (ALNUM(s[p]) || s[p] == '-')) p++;
  if (closing) {
    while (p < end && (s[p] == ' ' || s[p] == '\t')) p++;
    return p < end && s[p] == '>' ? p + 1 : 0;
  }
  for (;;) {
    size_t ws = p;
    while (p < end && SPACE(s[p])) p++;
    if (p >= end) return 0;
    if (s[p] == '>') return p + 1;
    if (s[p] == '/') return p + 1 < end && s[p + 1] == '>' ? p + 2 : 0;
    if (p == ws) return 0;
    if (!(ALPHA(s[p]) || s[p] == '_' || s[p] == ':')) return 0;
    while (p < end && (ALNUM(s[p]) || s[p] == '_' || s[p] == '.' ||
                       s[p] == ':' || s[p] == '-'))
      p++;
    size_t before = p;
    while (p < end && SPACE(s[p])) p++;
    if (p < end && s[p] == '=') {
      p++;
      while (p < end && SPACE(s[p])) p++;
      if (p >= end) return 0;
      if (s[p] == '"' || s[p] == '\'') {
        char q = s[p++];
        while (p < end && s[p] != q) p++;
        if (p >= end) return 0;
        p++;
      } else {
        size_t v = p;
        /* NUL ends an unquoted value too. */
        while (p < end && s[p] && !strchr(" \t\r\n\"'=<>`", s[p])) p++;
        if (p == v) return 0;
      }
    } else {
      p = before;
    }
  }
#undef ALPHA
#undef ALNUM
#undef SPACE
}

static void test_tag_end_matches_reference(void) {
  static const char *const tags[] = {
      "<span data-ttu-id=\"abcde-103\">",
      "<a href='x>y\"' b=c d = \"e\" f/>",
      "</span \t>",
      "<x a\n=\r\n\"v\" _b:c.d-e=1>",
      "<p class=unquoted-value-longer-than-sixteen y=\"1\" z>",
      "<DIV TITLE=\"a value that runs past sixteen bytes\">"};
  char buf[96];
  long mismatches = 0;
  for (size_t t = 0; t < sizeof tags / sizeof tags[0]; t++) {
    size_t len = strlen(tags[t]);
    /* Every byte value at every offset, for every end of the text. */
    for (size_t at = 0; at < len; at++)
      for (int b = 0; b < 256; b++) {
        memcpy(buf, tags[t], len);
        buf[at] = (char)b;
        for (size_t end = 0; end <= len; end++)
          if (sxs_html_tag_end(buf, 0, end) != reference_tag_end(buf, 0, end))
            mismatches++;
      }
  }
  /* Random texts from the bytes that matter to a tag. */
  static const char alphabet[] = "<>/\"'= \t\r\nab-_.:1`\0Z";
  unsigned seed = 12345;
  for (int round = 0; round < 200000; round++) {
    size_t len = 1 + (size_t)round % 60;
    buf[0] = '<';
    for (size_t i = 1; i < len; i++) {
      seed = seed * 1103515245u + 12345u;
      buf[i] = alphabet[(seed >> 16) % (sizeof alphabet - 1)];
    }
    if (sxs_html_tag_end(buf, 0, len) != reference_tag_end(buf, 0, len))
      mismatches++;
  }
  CHECK_EQ_LONG(mismatches, 0);
}

static void test_type7_html_block_lines(void) {
  /* A complete tag alone on its line starts an HTML block; a '>' or a
   * quote inside a quoted value does not end the tag early. */
  CHECK_EQ_STR(only_context("<span title=\"a>b\">\n" ONE "\n"),
               "html_block");
  CHECK_EQ_STR(only_context("<span title='x\"y>'>  \t\r\n" ONE "\n"),
               "html_block");
  CHECK_EQ_STR(only_context("<span a=\"a value longer than sixteen bytes\" "
                            "b='another >> one' c=d>\n" ONE "\n"),
               "html_block");
  CHECK_EQ_STR(only_context("<custom-tag a=\">\">\n" ONE "\n"), "html_block");
  CHECK_EQ_STR(only_context("</span>\n" ONE "\n"), "html_block");
  /* Text after the tag, an unclosed quote or no '>': a paragraph. */
  CHECK_EQ_STR(only_context("<span title=\"a>b\">x\n" ONE "\n"), "paragraph");
  CHECK_EQ_STR(only_context("<span title=\"a>b>\n" ONE "\n"), "paragraph");
  CHECK_EQ_STR(only_context("<span title=a>b>\n" ONE "\n"), "paragraph");
  CHECK_EQ_STR(only_context("<span title=\"a\"b>\n" ONE "\n"), "paragraph");
  CHECK_EQ_STR(only_context("<span class=\"x\"\n" ONE "\n"), "paragraph");
  CHECK_EQ_STR(only_context("<custom-tag a='>' >b\n" ONE "\n"), "paragraph");
  CHECK_EQ_STR(only_context(ONE "\n"), "paragraph");
}

static void test_long_reference_labels_and_table_headers(void) {
  /* Labels and header rows longer than the 16-byte steps, escapes at and
   * across their edges. */
  CHECK_EQ_STR(only_context("[a label longer than sixteen \\\\ bytes\\*]: "
                            "/u\n\n"
                            "[" ONE "][a label longer than sixteen \\\\ "
                            "bytes\\*]\n"),
               "paragraph>link_text");
  CHECK_EQ_STR(only_context("[a label longer than sixteen [ bytes]: /u\n\n"
                            "[" ONE "][a label longer than sixteen [ bytes]\n"),
               "paragraph");
  CHECK_EQ_STR(only_context("[a label longer than sixteen bytes\\]\n\n"
                            "[" ONE "][x]\n"),
               "paragraph");
  CHECK_EQ_STR(only_context("| a header cell longer than 16 \\| b | c |\n"
                            "|---|---|\n"
                            "| " ONE " | d |\n"),
               "table_cell");
  CHECK_EQ_STR(only_context("| a header cell longer than 16 \\| b | c |\n"
                            "|---|---|---|\n"
                            "| " ONE " | d |\n"),
               "paragraph");
  CHECK_EQ_STR(only_context("a header cell longer than 16 bytes | b\\\n"
                            "--- | ---\n"
                            ONE " | d\n"),
               "table_cell");
}

static void test_link_inside_pair_cancels_outer_link(void) {
  /* Links do not contain links: a link inside TARGET makes the brackets
   * around the pair plain text. */
  CHECK_EQ_STR(only_context("[" PAIR("abcde-103", "ver [esto](a.md)",
                                     "see [this](a.md)") "](x.md)\n"),
               "paragraph");
  /* An image inside TARGET does not. */
  CHECK_EQ_STR(only_context("[" PAIR("abcde-103", "ver ![i](a.png)",
                                     "see ![i](a.png)") "](x.md)\n"),
               "paragraph>link_text");
}

static void test_html_comment_rules(void) {
  /* CommonMark 0.29 comments: the text may not contain "--" nor start
   * with ">" or "->"; otherwise "<!--" is literal text and the pair after
   * it is a pair. */
  CHECK_EQ_STR(only_context("x <!-- a -- " ONE " -->\n"), "paragraph");
  CHECK_EQ_STR(only_context("x <!--> " ONE " -->\n"), "paragraph");
  CHECK_EQ_STR(only_context("x <!-- a " ONE " -->\n"), "(none)");
}

/* A growing NUL-terminated string for generated pages. */
typedef struct sxs_buf_like {
  char *data;
  size_t len, cap;
} sxs_buf_like;

static void append_text(sxs_buf_like *b, const char *text) {
  size_t n = strlen(text);
  if (b->len + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap * 2 : 4096;
    while (cap < b->len + n + 1) cap *= 2;
    char *bigger = realloc(b->data, cap);
    if (!bigger) {
      fprintf(stderr, "out of memory\n");
      exit(2);
    }
    b->data = bigger;
    b->cap = cap;
  }
  memcpy(b->data + b->len, text, n + 1);
  b->len += n;
}

/* The message of the first diagnostic with this code, or "". */
static const char *diag_message(const sxs_page *page, const char *code) {
  const sxs_diag *d = sxs_page_diags(page);
  for (size_t i = 0; i < sxs_page_diag_count(page); i++)
    if (strcmp(d[i].code, code) == 0) return d[i].message;
  return "";
}

static size_t count_diags(const sxs_page *page, const char *code) {
  size_t n = 0;
  const sxs_diag *d = sxs_page_diags(page);
  for (size_t i = 0; i < sxs_page_diag_count(page); i++)
    if (strcmp(d[i].code, code) == 0) n++;
  return n;
}

static void test_order_is_not_duplicate(void) {
  /* The first id that goes back is out of order, not a duplicate of
   * itself; a real duplicate names the line of the first one. */
  sxs_page *page = parse(PAIR("abcde-103", "A", "A") "\n\n"
                         PAIR("abcde-110", "B", "B") "\n\n"
                         PAIR("abcde-105", "C", "C") "\n");
  CHECK_DIAG(page, "id-order", 5, 20);
  CHECK_EQ_LONG(count_diags(page, "duplicate-id"), 0);
  sxs_page_free(page);

  page = parse(PAIR("abcde-103", "A", "A") "\n\n"
               PAIR("abcde-103", "B", "B") "\n");
  CHECK_DIAG(page, "duplicate-id", 3, 20);
  CHECK(strstr(diag_message(page, "duplicate-id"), "line 1") != NULL);
  sxs_page_free(page);
}

static void test_many_pairs_after_disorder(void) {
  /* Ids go back once, then hundreds of pairs follow: every one is still
   * checked for duplicates, and the parse ends (main() sets an alarm). */
  sxs_buf_like text = {0};
  append_text(&text, PAIR("abcde-103", "A", "A") "\n\n"
                     PAIR("abcde-110", "B", "B") "\n\n"
                     PAIR("abcde-105", "C", "C") "\n\n");
  char one[160];
  for (int i = 200; i < 700; i++) {
    snprintf(one, sizeof one,
             "<span data-ttu-id=\"abcde-%d\">T</span><span class=\"sxs-lookup\">"
             "<span data-stu-id=\"abcde-%d\">S</span></span>\n\n", i, i);
    append_text(&text, one);
  }
  /* One real duplicate at the end. */
  append_text(&text, PAIR("abcde-250", "D", "D") "\n");
  sxs_page *page = parse(text.data);
  CHECK_EQ_LONG(sxs_page_pair_count(page), 504);
  CHECK_EQ_LONG(count_diags(page, "duplicate-id"), 1);
  CHECK_EQ_LONG(count_diags(page, "id-order"), 1);
  sxs_page_free(page);
  free(text.data);
}

static void on_alarm(int sig) {
  (void)sig;
  static const char msg[] =
      "FAILED: the parser did not finish within 20 s (endless loop?)\n";
  if (write(2, msg, sizeof msg - 1) < 0) _exit(1);
  _exit(1);
}

/* Pair text is searched 16 bytes at a time: markup must be seen in any
 * block and in the tail that is shorter than a block. */
static void test_markup_anywhere_in_long_text(void) {
  /* A link in the second block of TARGET, or only in the tail of SOURCE. */
  CHECK_EQ_STR(only_context("[" PAIR("abcde-103",
                                     "un texto bastante largo con [esto](a.md)",
                                     "a long enough text") "](x.md)\n"),
               "paragraph");
  CHECK_EQ_STR(only_context("[" PAIR("abcde-103", "un texto bastante largo",
                                     "a long enough text, see [it](a)")
                            "](x.md)\n"),
               "paragraph");
  CHECK_EQ_STR(only_context("[" PAIR("abcde-103", "un texto bastante largo",
                                     "a long enough text") "](x.md)\n"),
               "paragraph>link_text");
  /* A code span after the first block holds a "</span>". */
  sxs_page *page = parse(PAIR("abcde-103", "un texto bastante largo `</span>` y",
                              "long enough text with `</span>` in it") "\n");
  CHECK_NO_DIAGS(page);
  CHECK_PAIR(page, 0, "abcde-103", "un texto bastante largo `</span>` y",
             "long enough text with `</span>` in it", 1, 1, "paragraph");
  sxs_page_free(page);
  /* An escaped '<' after the first block. */
  page = parse(PAIR("abcde-103", "un texto bastante largo \\<b y",
                    "long enough text") "\n");
  CHECK_NO_DIAGS(page);
  CHECK_PAIR(page, 0, "abcde-103", "un texto bastante largo \\<b y",
             "long enough text", 1, 1, "paragraph");
  sxs_page_free(page);
  /* Encoding damage past the first 16 bytes, and in the tail. */
  page = parse("0123456789abcdefghij\xff and a NUL at the end:\x01");
  CHECK_DIAG(page, "invalid-utf8", 1, 21);
  sxs_page_free(page);
  static const char with_nul[] = "0123456789abcdefghijklmnop\0q";
  page = sxs_page_parse(with_nul, sizeof with_nul - 1);
  CHECK_DIAG(page, "nul-byte", 1, 27);
  sxs_page_free(page);
}

int main(void) {
  /* A parser that loops forever fails the test instead of hanging it. */
  signal(SIGALRM, on_alarm);
  alarm(20);
  RUN_TEST(test_paragraph_sentences);
  RUN_TEST(test_nested_spans);
  RUN_TEST(test_code_spans_in_pair);
  RUN_TEST(test_multiline_pair);
  RUN_TEST(test_headings);
  RUN_TEST(test_table_cells);
  RUN_TEST(test_lists);
  RUN_TEST(test_blockquotes_and_alerts);
  RUN_TEST(test_link_text_and_image_alt);
  RUN_TEST(test_html_blocks);
  RUN_TEST(test_code_is_not_a_pair);
  RUN_TEST(test_crlf);
  RUN_TEST(test_bom_and_front_matter);
  RUN_TEST(test_clean_page_has_no_diags);
  RUN_TEST(test_unclosed_target);
  RUN_TEST(test_missing_lookup);
  RUN_TEST(test_id_mismatch);
  RUN_TEST(test_duplicate_and_order);
  RUN_TEST(test_order_is_not_duplicate);
  RUN_TEST(test_entity_escaped);
  RUN_TEST(test_encoding_damage);
  RUN_TEST(test_stray_lookup);
  RUN_TEST(test_source_ending_in_nested_span);
  RUN_TEST(test_blank_quote_line_keeps_list_item);
  RUN_TEST(test_whitespace_line_in_empty_item);
  RUN_TEST(test_tabs_across_containers);
  RUN_TEST(test_closing_tag_html_blocks);
  RUN_TEST(test_reference_label_escapes);
  RUN_TEST(test_valid_utf8_flag);
  RUN_TEST(test_tag_end_matches_reference);
  RUN_TEST(test_type7_html_block_lines);
  RUN_TEST(test_long_reference_labels_and_table_headers);
  RUN_TEST(test_link_inside_pair_cancels_outer_link);
  RUN_TEST(test_markup_anywhere_in_long_text);
  RUN_TEST(test_html_comment_rules);
  /* Last: if the parser loops forever here, the alarm reports it. */
  RUN_TEST(test_many_pairs_after_disorder);
  return TEST_FINISH();
}
