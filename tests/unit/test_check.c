/* sxs check: each check with a defect it must find and near-miss twins it
 * must not flag. The false positives met on real corpora are twins here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>

#include "sxs/sxs_check.h"
#include "sxs/sxs_io.h"
#include "sxs/sxs_page.h"
#include "spool.h"

static int failures;
static char locales_dir[1024];

static sxs_checker *new_checker(void) {
  sxs_checker *c = sxs_checker_new();
  sxs_checker_set_locales_dir(c, locales_dir);
  return c;
}

/* Findings of check at warning or above for one pair. */
static int count(const char *check, const char *locale, const char *target,
                 const char *source, sxs_checker *c) {
  int own = c == NULL;
  if (own) c = new_checker();
  sxs_checker_add_pair(c, "t.md", 3, 1, "abcde-103", target, strlen(target),
                       source, strlen(source), locale);
  sxs_checker_finish(c);
  int n = 0, idx = sxs_check_find(check);
  for (size_t i = 0; i < sxs_checker_finding_count(c); i++) {
    const sxs_finding *f = sxs_checker_finding(c, i);
    if (f->check == idx && f->level >= SXS_LEVEL_WARNING) n++;
  }
  if (own) sxs_checker_free(c);
  return n;
}

typedef struct pair_case {
  const char *check;
  int expect; /* 1: must be found, 0: must not */
  const char *locale;
  const char *target;
  const char *source;
} pair_case;

static const pair_case cases[] = {
    /* links */
    {"link-empty-text", 1, "es-ES", "Vea [](https://aka.ms/n-1) hoy.",
     "See [the guide](https://aka.ms/n-1) today."},
    {"link-empty-text", 0, "es-ES", "Vea [la guía](https://aka.ms/n-1) hoy.",
     "See [the guide](https://aka.ms/n-1) today."},
    {"link-empty-text", 0, "es-ES", "Vea [](a.png) hoy.", "See [](a.png) today."},
    {"link-punctuation-text", 1, "es-ES",
     "Inicie sesión en el panel [.](https://x.example/dashboard)",
     "Sign into the [dashboard](https://x.example/dashboard)."},
    {"link-punctuation-text", 0, "es-ES",
     "Inicie sesión en el [panel](https://x.example/dashboard).",
     "Sign into the [dashboard](https://x.example/dashboard)."},
    {"link-punctuation-text", 0, "es-ES",
     "Vea [![alt](a.png)](a.png#lightbox).",
     "See [![alt](a.png)](a.png#lightbox)."},
    {"link-count", 1, "es-ES", "Vea la guía y [el portal](b.md).",
     "See [the guide](a.md) and [the portal](b.md)."},
    {"link-count", 0, "es-ES", "Vea [el portal](b.md) y [la guía](a.md).",
     "See [the guide](a.md) and [the portal](b.md)."},
    {"link-destination", 1, "es-ES", "Vea [la guía](c.md).",
     "See [the guide](a.md)."},
    {"link-destination", 0, "es-ES",
     "Vea [la guía](https://docs.example.com/es-es/azure/x).",
     "See [the guide](https://docs.example.com/en-us/azure/x)."},
    /* code */
    {"code-changed", 1, "es-ES", "Ejecute `obtener-Usuario`.",
     "Run `Get-User`."},
    {"code-changed", 0, "es-ES", "Ejecute `Get-User` ahora.",
     "Run `Get-User` now."},
    {"code-glued", 1, "es-ES", "en el formulario`Bearer <token>`",
     "in the form `Bearer <token>`"},
    {"code-glued", 0, "es-ES", "en el formulario `Bearer <token>`",
     "in the form `Bearer <token>`"},
    {"code-glued", 0, "es-ES", "los `id`s", "the `id`s"},
    /* emphasis */
    {"emphasis-count", 1, "es-ES", "Seleccione Continuar.",
     "Select **Continue**."},
    {"emphasis-count", 0, "es-ES", "Seleccione **Continuar**.",
     "Select **Continue**."},
    {"emphasis-count", 0, "es-ES", "Use *a*_b_c.", "Use *a*_b_c."},
    {"emphasis-broken", 1, "it-IT", "Espandere ** Vantaggi** nel menu.",
     "Expand **Benefits** in the menu."},
    {"emphasis-broken", 0, "it-IT", "Espandere **Vantaggi** nel menu.",
     "Expand **Benefits** in the menu."},
    {"emphasis-broken", 0, "es-ES", "Use \\*\\*texto\\*\\*.",
     "Use \\*\\*text\\*\\*."},
    /* Entities and links between the runs (cmark is asked about a
     * skeleton of the text), and the shapes it must not be fooled by. */
    {"emphasis-count", 0, "es-ES", "Vaya a **Cuenta** &gt; **Usuarios**.",
     "Go to **Account** &gt; **Users**."},
    {"emphasis-count", 1, "es-ES", "Vaya a **Cuenta** &gt; Usuarios.",
     "Go to **Account** &gt; **Users**."},
    {"emphasis-broken", 1, "es-ES", "Use &ast;&ast;texto**.", "Use **text**."},
    {"emphasis-count", 0, "es-ES", "Vea **[la guía](https://x.example/a)**.",
     "See **[the guide](https://x.example/a)**."},
    {"emphasis-count", 1, "es-ES",
     "Vea [**la guía**](https://x.example/a) **hoy**.",
     "See [**the guide**](https://x.example/a) today."},
    {"emphasis-count", 1, "es-ES", "Vea [guía](x**y) **aquí**.",
     "See [guide](x**y) here."},
    /* html */
    {"html-tags", 1, "es-ES", "Pulse Entrar.", "Press <kbd>Enter</kbd>."},
    {"html-tags", 0, "es-ES", "Pulse <kbd>Entrar</kbd>.",
     "Press <kbd>Enter</kbd>."},
    {"html-tags", 0, "es-ES", "Use `<br>` aquí.", "Use `<br>` here."},
    /* numbers */
    {"number-missing", 1, "es-ES", "Tiene 30 días.", "You have 90 days."},
    {"number-missing", 0, "es-ES", "Hasta 10.000 usuarios.",
     "Up to 10,000 users."},
    {"number-missing", 0, "fr-FR", "Jusqu'à 10\xE2\x80\xAF" "000 utilisateurs.",
     "Up to 10,000 users."},
    {"number-missing", 0, "ja-JP", "最大1万人のユーザー。", "Up to 10,000 users."},
    {"number-missing", 0, "es-ES", "Tiene cinco días.", "You have 5 days."},
    {"number-missing", 0, "es-ES", "Vea [esto](a-2020.md).",
     "See [this](a-2020.md)."},
    {"number-missing", 0, "es-ES", "Fecha: 02/11/2020", "Date: 2020-11-2"},
    {"number-missing", 0, "it-IT", "Alle 19:30.", "At 7:30 PM."},
    {"number-missing", 0, "es-ES", "Ejecute `x --top 5`.", "Run `x --top 50`."},
    /* urls */
    {"url-changed", 1, "es-ES", "Escriba a soporte@example.org.",
     "Write to support@example.com."},
    {"url-changed", 0, "es-ES", "Escriba a support@example.com.",
     "Write to support@example.com."},
    {"url-changed", 0, "es-ES", "Vaya a https://example.com/es-es/x.",
     "Go to https://example.com/en-us/x."},
    /* untranslated / empty */
    {"untranslated", 1, "es-ES", "Select the offer you want to update.",
     "Select the offer you want to update."},
    {"untranslated", 0, "es-ES", "Microsoft 365 E5 with Calling Minutes",
     "Microsoft 365 E5 with Calling Minutes"},
    {"untranslated", 0, "es-ES", "string", "string"},
    {"untranslated", 0, "es-ES", "{baseURL}/v1/customers/{customer_id}",
     "{baseURL}/v1/customers/{customer_id}"},
    {"untranslated", 0, "es-ES",
     "**Set-MsolCompanySettings -AllowEmailVerifiedUsers $true**",
     "**Set-MsolCompanySettings -AllowEmailVerifiedUsers $true**"},
    {"empty-target", 1, "es-ES", " ", "Sign in."},
    {"empty-target", 0, "es-ES", "Inicie sesión.", "Sign in."},
    /* space */
    {"space-edge", 1, "es-ES", " Inicie sesión.", "Sign in."},
    {"space-edge", 0, "es-ES", "Inicie sesión.", "Sign in."},
    {"space-double", 1, "es-ES", "Inicie  sesión.", "Sign in."},
    {"space-double", 0, "es-ES", "Inicie sesión  aquí.", "Sign in  here."},
    /* punctuation */
    {"punctuation-end", 1, "es-ES", "Microsoft", "Microsoft runs on trust."},
    {"punctuation-end", 0, "es-ES", "Microsoft funciona con confianza.",
     "Microsoft runs on trust."},
    {"punctuation-end", 0, "es-ES", "Seleccionar [esto](a.md).",
     "Select [this](a.md)."},
    {"punctuation-end", 0, "es-ES", "la pregunta \"¿Desea verlo?\".",
     "the question \"Would you like to see it?\""},
    {"punctuation-end", 0, "es-ES", "Nota:", "Note"}, /* info only */
    {"punctuation-end", 1, "ja-JP", "サインインします", "Sign in."},
    {"punctuation-end", 0, "ja-JP", "サインインします。", "Sign in."},
    {"punctuation-opening", 1, "es-ES", "Cómo conciliar mis ganancias?",
     "How do I reconcile my earnings?"},
    {"punctuation-opening", 0, "es-ES", "¿Cómo concilio mis ganancias?",
     "How do I reconcile my earnings?"},
    {"punctuation-opening", 0, "es-ES", "como Gmail o Yahoo!",
     "such as Gmail, Yahoo!"},
    {"punctuation-spacing", 1, "fr-FR", "Remarque: cliquez ici.",
     "Note: click here."},
    {"punctuation-spacing", 0, "fr-FR", "Remarque\xC2\xA0: cliquez ici.",
     "Note: click here."},
    {"punctuation-spacing", 0, "fr-FR", "À 10:30, voir https://x.example/a.",
     "At 10:30, see https://x.example/a."},
    {"punctuation-spacing", 0, "es-ES", "Nota: haga clic aquí.",
     "Note: click here."},
    /* repeated */
    {"repeated-word", 1, "de-DE", "Die die Einstellungen.", "The settings."},
    {"repeated-word", 0, "de-DE", "Die Einstellungen, die gelten.",
     "The settings that apply."},
    {"repeated-word", 0, "es-ES", "De la A a Gi", "A to Gi"},
    {"repeated-word", 0, "es-ES", "Bora Bora", "Bora Bora"},
    {"repeated-word", 1, "es-ES", "Abra la LA página.", "Open the page."},
    {"repeated-word", 0, "es-ES", "Pulse 10 10 veces.", "Press 10 times."},
    {"repeated-word", 1, "es-ES", "Configuración configuración del equipo.",
     "Team settings."},
    {"repeated-word", 0, "es-ES", "Está ESTÁ listo.", "It is ready."},
    /* length */
    {"length-ratio", 1, "es-ES", "Sí.",
     "Select the offer that you want to update in the list of offers."},
    {"length-ratio", 0, "es-ES",
     "Seleccione la oferta que desea actualizar en la lista de ofertas.",
     "Select the offer that you want to update in the list of offers."},
};

static void check_cases(void) {
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const pair_case *k = &cases[i];
    int n = count(k->check, k->locale, k->target, k->source, NULL);
    if ((n > 0) != k->expect) {
      fprintf(stderr, "FAIL %s (%s): expected %s, got %d\n  T: %s\n  S: %s\n",
              k->check, k->locale, k->expect ? "a finding" : "none", n,
              k->target, k->source);
      failures++;
    }
  }
}

static const sxs_finding *find(sxs_checker *c, const char *check,
                               unsigned line) {
  int idx = sxs_check_find(check);
  for (size_t i = 0; i < sxs_checker_finding_count(c); i++) {
    const sxs_finding *f = sxs_checker_finding(c, i);
    if (f->check == idx && f->line == line) return f;
  }
  return NULL;
}

#define EXPECT(cond)                                              \
  do {                                                            \
    if (!(cond)) {                                                \
      fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); \
      failures++;                                                 \
    }                                                             \
  } while (0)

static void check_consistency(void) {
  sxs_checker *c = new_checker();
  const char *variants[] = {"Funcionalidades", "Funcionalidades",
                            "Capacidades", "Funcionalidades", "Funciones"};
  for (unsigned i = 0; i < 5; i++)
    sxs_checker_add_pair(c, i < 3 ? "a.md" : "b.md", 10 + i, 1, "abcde-103",
                         variants[i], strlen(variants[i]), "Capabilities", 12,
                         "es-ES");
  /* A tie: no most frequent translation, so no warning. */
  sxs_checker_add_pair(c, "b.md", 20, 1, "x-1", "Seleccione.", 11, "Select.",
                       7, "es-ES");
  sxs_checker_add_pair(c, "b.md", 21, 1, "x-2", "Selecciona.", 11, "Select.",
                       7, "es-ES");
  /* Whitespace and no-break spaces are not variants. */
  sxs_checker_add_pair(c, "b.md", 22, 1, "x-3", "Microsoft\xC2\xA0" "365", 14,
                       "Microsoft 365 plan", 18, "es-ES");
  sxs_checker_add_pair(c, "b.md", 23, 1, "x-4", "Microsoft 365", 13,
                       "Microsoft 365 plan", 18, "es-ES");
  sxs_checker_finish(c);
  const sxs_finding *f = find(c, "consistency-source", 12);
  EXPECT(f && f->level == SXS_LEVEL_WARNING);
  EXPECT(f && strstr(f->message, "'Funcionalidades' 3") &&
         strstr(f->message, "'Capacidades' 1") &&
         strstr(f->message, "'Funciones' 1"));
  f = find(c, "consistency-source", 10);
  EXPECT(f && f->level == SXS_LEVEL_INFO);
  EXPECT(find(c, "consistency-source", 14) &&
         find(c, "consistency-source", 14)->level == SXS_LEVEL_WARNING);
  EXPECT(!find(c, "consistency-source", 20) ||
         find(c, "consistency-source", 20)->level == SXS_LEVEL_INFO);
  EXPECT(!find(c, "consistency-source", 21) ||
         find(c, "consistency-source", 21)->level == SXS_LEVEL_INFO);
  EXPECT(!find(c, "consistency-source", 22));
  /* Sorted in file order: a.md before b.md, then by line. */
  for (size_t i = 1; i < sxs_checker_finding_count(c); i++) {
    const sxs_finding *x = sxs_checker_finding(c, i - 1);
    const sxs_finding *y = sxs_checker_finding(c, i);
    EXPECT(x->file_index < y->file_index ||
           (x->file_index == y->file_index && x->line <= y->line));
  }
  sxs_checker_free(c);
}

/* Layout is not wording: white space (doubled, at the edges, tabs,
 * no-break), emphasis delimiters and typographic quotes leave the key
 * alone, wherever they fall in the text (the key is built eight bytes at
 * a time). Six layouts of one pair and one other translation: the other
 * one departs from a majority of six. */
static void check_consistency_layout(void) {
  sxs_checker *c = new_checker();
  const char *sources[] = {
      "Select the report that you want to export",
      "Select  the report that you want to export",
      "Select the report that you  want to export",
      " Select the report that you want to export ",
      "Select the **report** that you want to export",
      "Select the report\tthat you want to export",
      "Select the report that you want to\302\240export"};
  const char *targets[] = {
      "Seleccione el informe \xE2\x80\x9Cventas\xE2\x80\x9D que desea exportar",
      "Seleccione el informe \"ventas\" que desea  exportar",
      "Seleccione el informe \"ventas\"  que desea exportar",
      "Seleccione el informe \"ventas\" que desea exportar ",
      "Seleccione el *informe* \"ventas\" que desea exportar",
      "Seleccione\nel informe \"ventas\" que desea exportar",
      "Elija el informe \"ventas\" que desea exportar"};
  for (unsigned i = 0; i < 7; i++)
    sxs_checker_add_pair(c, "a.md", 30 + i, 1, "x-1", targets[i],
                         strlen(targets[i]), sources[i], strlen(sources[i]),
                         "es-ES");
  sxs_checker_finish(c);
  const sxs_finding *f = find(c, "consistency-source", 36);
  EXPECT(f && f->level == SXS_LEVEL_WARNING);
  EXPECT(f && strstr(f->message, "has 2 translations") == NULL &&
         strstr(f->message, "' 6, '"));
  for (unsigned line = 30; line < 36; line++) {
    f = find(c, "consistency-source", line);
    EXPECT(f && f->level == SXS_LEVEL_INFO);
  }
  sxs_checker_free(c);
}

static void check_levels_and_baseline(void) {
  sxs_checker *c = new_checker();
  EXPECT(sxs_checker_set_level(c, "link", SXS_LEVEL_OFF) == 4);
  EXPECT(sxs_checker_set_level(c, "no-such-check", SXS_LEVEL_OFF) == 0);
  EXPECT(count("link-empty-text", "es-ES", "Vea [](a.md).",
               "See [this](a.md).", c) == 0);
  sxs_checker_free(c);
  /* The fingerprint ignores the line: the same defect moved keeps it. */
  sxs_checker *a = new_checker(), *b = new_checker();
  sxs_checker_add_pair(a, "p.md", 5, 1, "abcde-110", "Vea [](a.md).", 13,
                       "See [this](a.md).", 17, "es-ES");
  sxs_checker_add_pair(b, "p.md", 9, 4, "abcde-110", "Vea [](a.md).", 13,
                       "See [this](a.md).", 17, "es-ES");
  sxs_checker_finish(a);
  sxs_checker_finish(b);
  char fa[1024], fb[1024];
  EXPECT(sxs_checker_finding_count(a) >= 1);
  sxs_finding_fingerprint(a, sxs_checker_finding(a, 0), fa, sizeof fa);
  sxs_finding_fingerprint(b, sxs_checker_finding(b, 0), fb, sizeof fb);
  EXPECT(strcmp(fa, fb) == 0);
  EXPECT(strncmp(fa, "p.md\tabcde-110\t", 15) == 0);
  sxs_checker_free(a);
  sxs_checker_free(b);
}

/* Pairs with findings at every level: an empty link text and an empty
 * target (errors), and a source translated two ways (consistency: a
 * warning where a pair departs from the majority, info where it follows). */
static sxs_checker *checker_with_levels(void) {
  sxs_checker *c = new_checker();
  sxs_checker_set_level(c, "all", -1);
  char id[32], target[64];
  for (unsigned i = 0; i < 60; i++) {
    snprintf(id, sizeof id, "lvl%02u-%u", i % 7, i);
    if (i % 3 == 0) {
      sxs_checker_add_pair(c, "l.md", i + 1, 1, id, "Vea [](a.md).", 13,
                           "See [this](a.md).", 17, "es-ES");
    } else if (i % 3 == 1) {
      sxs_checker_add_pair(c, "l.md", i + 1, 1, id, "", 0,
                           "Open the settings page.", 23, "es-ES");
    } else {
      snprintf(target, sizeof target, "Guarde el archivo %s.",
               i % 9 == 2 ? "ahora" : "de nuevo");
      sxs_checker_add_pair(c, "l.md", i + 1, 1, id, target, strlen(target),
                           "Save the file again.", 20, "es-ES");
    }
  }
  sxs_checker_finish(c);
  return c;
}

/* The findings that count at or above level, read one by one. */
static size_t counted_by_reading(const sxs_checker *c, sxs_check_level level) {
  size_t n = 0;
  sxs_finding_reader *r = sxs_checker_read_findings(c);
  const sxs_finding *f;
  while (r && (f = sxs_finding_reader_next(r)))
    n += !f->baselined && f->level >= level;
  sxs_finding_reader_free(r);
  return n;
}

/* With a baseline holding some of the findings, the counts by level are
 * those of a reading, whether the first complete reading comes before
 * (the writer's) or from sxs_checker_count_at itself, and a reader
 * stopped early leaves nothing behind. */
static void check_baseline_counts(void) {
  sxs_checker *all = checker_with_levels();
  size_t total = sxs_checker_finding_count(all);
  EXPECT(total > 20);
  char path[] = "/tmp/sxs-test-part-baseline-XXXXXX";
  int fd = mkstemp(path);
  EXPECT(fd >= 0);
  if (fd < 0) {
    sxs_checker_free(all);
    return;
  }
  FILE *out = fdopen(fd, "w");
  char fp[1024];
  size_t kept = 0;
  sxs_finding_reader *r = sxs_checker_read_findings(all);
  const sxs_finding *f;
  for (size_t i = 0; r && (f = sxs_finding_reader_next(r)); i++) {
    if (i % 4 == 1) continue; /* a quarter left out of the baseline */
    sxs_finding_fingerprint(all, f, fp, sizeof fp);
    fprintf(out, "%s\r\n", fp);
    kept++;
  }
  sxs_finding_reader_free(r);
  fclose(out);
  sxs_checker_free(all);
  for (int read_first = 0; read_first < 2; read_first++) {
    sxs_checker *c = checker_with_levels();
    char err[256];
    EXPECT(sxs_checker_load_baseline(c, path, err, sizeof err) == 0);
    r = sxs_checker_read_findings(c);
    for (int i = 0; r && i < 5; i++) sxs_finding_reader_next(r);
    sxs_finding_reader_free(r); /* stopped early */
    size_t want[4], baselined = 0;
    for (int l = 1; l <= 3; l++)
      want[l] = counted_by_reading(c, (sxs_check_level)l);
    if (!read_first) {
      /* A fresh checker: its count reads the findings itself. */
      sxs_checker_free(c);
      c = checker_with_levels();
      EXPECT(sxs_checker_load_baseline(c, path, err, sizeof err) == 0);
    }
    for (int l = 3; l >= 1; l--)
      EXPECT(sxs_checker_count_at(c, (sxs_check_level)l) == want[l]);
    r = sxs_checker_read_findings(c);
    while (r && (f = sxs_finding_reader_next(r))) baselined += f->baselined;
    sxs_finding_reader_free(r);
    EXPECT(baselined == kept);
    EXPECT(want[3] > 0 && want[2] > want[3] && want[1] > want[2]);
    EXPECT(want[1] + kept == total);
    sxs_checker_free(c);
  }
  unlink(path);
}

static void check_glossary(void) {
  char path[] = "/tmp/sxs-glossary-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) {
    failures++;
    return;
  }
  FILE *f = fdopen(fd, "w");
  fputs("term,translation,note\npartner,asociado,use this\n"
        "Azure,Azure,brand\n",
        f);
  fclose(f);
  char err[256];
  sxs_checker *c = new_checker();
  EXPECT(sxs_checker_load_glossary(c, path, err, sizeof err) == 0);
  EXPECT(count("glossary-term", "es-ES", "El socio.", "The partner.", c) == 1);
  sxs_checker_free(c);
  c = new_checker();
  sxs_checker_load_glossary(c, path, err, sizeof err);
  EXPECT(count("glossary-term", "es-ES", "El asociado.", "The partner.", c) ==
         0);
  sxs_checker_free(c);
  c = new_checker();
  sxs_checker_load_glossary(c, path, err, sizeof err);
  EXPECT(count("glossary-keep", "es-ES", "Uso de Azur.", "Using Azure.", c) ==
         1);
  sxs_checker_free(c);
  c = new_checker();
  sxs_checker_load_glossary(c, path, err, sizeof err);
  EXPECT(count("glossary-keep", "es-ES", "Uso de Azure.", "Using Azure.", c) ==
         0);
  sxs_checker_free(c);
  remove(path);
}

/* The NFC shortcut of the consistency key assumes that every code point
 * below U+0300 is NFC_Quick_Check=Yes with combining class 0: ICU says. */
static void check_nfc_assumption(void) {
  int bad = 0;
  for (UChar32 c = 0x80; c < 0x300; c++)
    if (u_getIntPropertyValue(c, UCHAR_NFC_QUICK_CHECK) != UNORM_YES ||
        u_getCombiningClass(c) != 0)
      bad++;
  EXPECT(bad == 0);
}

static const sxs_finding *find_at(sxs_checker *c, const char *check,
                                  unsigned line) {
  int idx = sxs_check_find(check);
  for (size_t i = 0; i < sxs_checker_finding_count(c); i++) {
    const sxs_finding *f = sxs_checker_finding(c, i);
    if (f->check == idx && f->line == line) return f;
  }
  return NULL;
}

/* The same words composed (U+00E0) or decomposed (a U+0300), after a
 * non-ASCII character too: one translation, not two variants. A third
 * text that really differs still makes variants. */
static void check_consistency_nfc(void) {
  sxs_checker *c = new_checker();
  const char *composed =
      "El archivo contendr\xC3\xA0 m\xC3\xA1s l\xC3\xADneas:";
  const char *decomposed =
      "El archivo contendra\xCC\x80 m\xC3\xA1s l\xC3\xADneas:";
  const char *other = "El archivo tendr\xC3\xA1 m\xC3\xA1s l\xC3\xADneas:";
  const char *src = "The file will contain more lines:";
  sxs_checker_add_pair(c, "a.md", 1, 1, "x-1", composed, strlen(composed),
                       src, strlen(src), "es-ES");
  sxs_checker_add_pair(c, "a.md", 2, 1, "x-2", decomposed,
                       strlen(decomposed), src, strlen(src), "es-ES");
  sxs_checker_finish(c);
  EXPECT(find_at(c, "consistency-source", 1) == NULL);
  EXPECT(find_at(c, "consistency-source", 2) == NULL);
  sxs_checker_free(c);
  c = new_checker();
  sxs_checker_add_pair(c, "a.md", 1, 1, "x-1", composed, strlen(composed),
                       src, strlen(src), "es-ES");
  sxs_checker_add_pair(c, "a.md", 2, 1, "x-2", other, strlen(other), src,
                       strlen(src), "es-ES");
  sxs_checker_finish(c);
  EXPECT(find_at(c, "consistency-source", 1) != NULL);
  sxs_checker_free(c);
}

/* Consistency is per target locale: Spanish and Italian translations of
 * one source are not variants of each other, nor is one target shared by
 * two locales for different sources; within one locale (whatever its case
 * or separator) they are. --locale puts every pair in one locale. */
static sxs_checker *two_pairs(const char *locale_a, const char *target_a,
                              const char *source_a, const char *locale_b,
                              const char *target_b, const char *source_b,
                              const char *forced_locale) {
  sxs_checker *c = new_checker();
  sxs_checker_set_level(c, "consistency-target", SXS_LEVEL_INFO);
  if (forced_locale) sxs_checker_set_locale(c, forced_locale);
  sxs_checker_add_pair(c, "a.md", 1, 1, "x-1", target_a, strlen(target_a),
                       source_a, strlen(source_a), locale_a);
  sxs_checker_add_pair(c, "b.md", 2, 1, "x-2", target_b, strlen(target_b),
                       source_b, strlen(source_b), locale_b);
  sxs_checker_finish(c);
  return c;
}

static int consistency_findings(sxs_checker *c, const char *check) {
  int n = 0, idx = sxs_check_find(check);
  for (size_t i = 0; i < sxs_checker_finding_count(c); i++)
    n += sxs_checker_finding(c, i)->check == idx;
  return n;
}

static void check_consistency_per_locale(void) {
  const char *src = "Open the billing page.";
  const char *es = "Abra la p\xC3\xA1gina de facturaci\xC3\xB3n.";
  const char *it = "Apri la pagina di fatturazione.";
  const char *es2 = "Abre la p\xC3\xA1gina de facturaci\xC3\xB3n.";
  /* Two locales, same source, different targets: nothing. */
  sxs_checker *c = two_pairs("es-ES", es, src, "it-IT", it, src, NULL);
  EXPECT(consistency_findings(c, "consistency-source") == 0);
  sxs_checker_free(c);
  /* One locale spelled two ways: the two translations are variants. */
  c = two_pairs("es-ES", es, src, "es_es", es2, src, NULL);
  EXPECT(consistency_findings(c, "consistency-source") == 2);
  EXPECT(find(c, "consistency-source", 1) &&
         strstr(find(c, "consistency-source", 1)->message,
                "has 2 translations"));
  sxs_checker_free(c);
  /* Pages without a locale are compared among themselves only. */
  c = two_pairs(NULL, es, src, "es-ES", es2, src, NULL);
  EXPECT(consistency_findings(c, "consistency-source") == 0);
  sxs_checker_free(c);
  c = two_pairs(NULL, es, src, NULL, es2, src, NULL);
  EXPECT(consistency_findings(c, "consistency-source") == 2);
  sxs_checker_free(c);
  /* --locale: the pages' own locales no longer split them. */
  c = two_pairs("es-ES", es, src, "it-IT", es2, src, "es-ES");
  EXPECT(consistency_findings(c, "consistency-source") == 2);
  sxs_checker_free(c);
  /* One target for two sources: only within a locale. */
  const char *other = "Open the invoice page.";
  c = two_pairs("es-ES", es, src, "it-IT", es, other, NULL);
  EXPECT(consistency_findings(c, "consistency-target") == 0);
  sxs_checker_free(c);
  c = two_pairs("es-ES", es, src, "ES-es", es, other, NULL);
  EXPECT(consistency_findings(c, "consistency-target") == 1);
  sxs_checker_free(c);
}

/* Pages checked out of order (as threads do) and added in order give what
 * sxs_checker_add_page gives page after page, consistency included. */
static void check_results_in_order(void) {
  static const char *const pages[3] = {
      "---\nms.contentlocale: es-ES\n---\n"
      "<span data-ttu-id=\"a1b2c-101\">Abra el **portal**.</span>"
      "<span class=\"sxs-lookup\"><span data-stu-id=\"a1b2c-101\">Open the "
      "**portal**.</span></span>\n",
      "---\nms.contentlocale: es-ES\n---\n"
      "<span data-ttu-id=\"a1b2c-102\">Abra la **consola*.</span>"
      "<span class=\"sxs-lookup\"><span data-stu-id=\"a1b2c-102\">Open the "
      "**portal**.</span></span>\n",
      "---\nms.contentlocale: es-ES\n---\n"
      "<span data-ttu-id=\"a1b2c-103\">Abra el portal.</span>"
      "<span class=\"sxs-lookup\"><span data-stu-id=\"a1b2c-103\">Open the "
      "**portal**.</span></span>\n"};
  static const char *const names[3] = {"es-ES/one.md", "es-ES/two.md",
                                       "es-ES/three.md"};
  sxs_page *parsed[3];
  for (int i = 0; i < 3; i++)
    parsed[i] = sxs_page_parse(pages[i], strlen(pages[i]));
  sxs_checker *serial = new_checker(), *parallel = new_checker();
  sxs_checker_set_level(serial, "all", -1);
  sxs_checker_set_level(parallel, "all", -1);
  sxs_checker_set_level(serial, "consistency-target", SXS_LEVEL_INFO);
  sxs_checker_set_level(parallel, "consistency-target", SXS_LEVEL_INFO);
  for (int i = 0; i < 3; i++) sxs_checker_add_page(serial, names[i], parsed[i]);
  sxs_check_page_result *results[3];
  for (int i = 2; i >= 0; i--)
    results[i] = sxs_checker_check_page(parallel, names[i], parsed[i]);
  for (int i = 0; i < 3; i++)
    EXPECT(sxs_checker_add_result(parallel, results[i]) == 0);
  sxs_checker_finish(serial);
  sxs_checker_finish(parallel);
  EXPECT(sxs_checker_finding_count(serial) >= 3); /* emphasis, consistency */
  EXPECT(sxs_checker_finding_count(serial) ==
         sxs_checker_finding_count(parallel));
  EXPECT(sxs_checker_pair_count(parallel) == 3);
  /* Each page has findings, under its own name, in the order of the
   * pages. */
  size_t next_file = 0, seen[3] = {0, 0, 0};
  for (size_t i = 0; i < sxs_checker_finding_count(parallel); i++) {
    const sxs_finding *f = sxs_checker_finding(parallel, i);
    const char *file = sxs_checker_file(parallel, f->file_index);
    while (next_file < 3 && strcmp(file, names[next_file]) != 0) next_file++;
    EXPECT(next_file < 3);
    if (next_file < 3) seen[next_file]++;
  }
  EXPECT(seen[0] && seen[1] && seen[2]);
  EXPECT(sxs_checker_file_count(parallel) == 3);
  /* Pages two and three lose the source's strong emphasis. */
  int emphasis_files = 0;
  for (size_t i = 0; i < sxs_checker_finding_count(parallel); i++) {
    const sxs_finding *f = sxs_checker_finding(parallel, i);
    const char *file = sxs_checker_file(parallel, f->file_index);
    if (f->check == sxs_check_find("emphasis-count"))
      emphasis_files |= strcmp(file, names[1]) == 0   ? 1
                        : strcmp(file, names[2]) == 0 ? 2
                                                      : 4;
  }
  EXPECT(emphasis_files == 3);
  for (size_t i = 0; i < sxs_checker_finding_count(serial) &&
                     i < sxs_checker_finding_count(parallel);
       i++) {
    const sxs_finding *x = sxs_checker_finding(serial, i);
    const sxs_finding *y = sxs_checker_finding(parallel, i);
    EXPECT(x->check == y->check && x->line == y->line &&
           strcmp(sxs_checker_file(serial, x->file_index),
                  sxs_checker_file(parallel, y->file_index)) == 0 &&
           strcmp(x->message, y->message) == 0);
  }
  sxs_checker_free(serial);
  sxs_checker_free(parallel);
  for (int i = 0; i < 3; i++) sxs_page_free(parsed[i]);
}

/* The reader gives what sxs_checker_finding gives, in file, line and
 * column order, even when pairs come out of order; the ids of pairs kept
 * for consistency come back as given (they are stored in parts). */
static void check_reader_order_and_ids(void) {
  sxs_checker *c = new_checker();
  static const char *const ids[] = {
      "abcde-103", "abcde-0042", "", "x", "123", "abcde-104",
      "a-12345678901234567890123",
      "a-very-long-prefix-that-does-not-fit-the-remembered-one-of-64-bytes-7",
      "a-very-long-prefix-that-does-not-fit-the-remembered-one-of-64-bytes-8"};
  static const unsigned lines[] = {50, 10, 30, 30, 70, 5, 90, 91, 92};
  size_t n = sizeof ids / sizeof ids[0];
  for (size_t i = 0; i < n; i++) {
    const char *t = i % 3 ? "Guardar el archivo" : "Guarde el archivo";
    unsigned column = i == 3 ? 2 : 1;
    sxs_checker_add_pair(c, i < 6 ? "a.md" : "b.md", lines[i], column, ids[i],
                         t, strlen(t), "Save the file", 13, "es-ES");
  }
  /* Back to a.md: a file of its own in the list. */
  sxs_checker_add_pair(c, "a.md", 1, 1, "y-1", "Abrir", 5, "Open", 4, "es-ES");
  sxs_checker_add_pair(c, "a.md", 2, 1, "y-2", "Abra", 4, "Open", 4, "es-ES");
  sxs_checker_finish(c);
  size_t total = sxs_checker_finding_count(c);
  EXPECT(total == n + 2);
  sxs_finding_reader *r = sxs_checker_read_findings(c);
  EXPECT(r != NULL);
  const sxs_finding *f, *prev = NULL;
  size_t read = 0, ids_seen = 0;
  unsigned prev_line = 0, prev_column = 0;
  size_t prev_file = 0;
  while (r && (f = sxs_finding_reader_next(r))) {
    const sxs_finding *same = sxs_checker_finding(c, read);
    EXPECT(same && same->line == f->line && same->column == f->column &&
           same->file_index == f->file_index &&
           strcmp(same->id, f->id) == 0 &&
           strcmp(same->message, f->message) == 0);
    if (prev)
      EXPECT(prev_file < f->file_index ||
             (prev_file == f->file_index &&
              (prev_line < f->line ||
               (prev_line == f->line && prev_column <= f->column))));
    for (size_t i = 0; i < n; i++)
      if (strcmp(f->id, ids[i]) == 0 && f->line == lines[i]) ids_seen++;
    EXPECT(f->source && f->target);
    prev = f;
    prev_file = f->file_index;
    prev_line = f->line;
    prev_column = f->column;
    read++;
  }
  EXPECT(r && !sxs_finding_reader_failed(r));
  EXPECT(read == total);
  EXPECT(ids_seen == n);
  sxs_finding_reader_free(r);
  EXPECT(sxs_checker_file_count(c) == 3);
  sxs_checker_free(c);
}

/* The baseline of many findings (several of the writer's 64 KB pieces)
 * holds a header and then every finding's fingerprint, in reading order. */
static void check_baseline_streamed(const sxs_checker *c, size_t findings) {
  const char *tmp = getenv("TMPDIR");
  char path[600];
  snprintf(path, sizeof path, "%s/sxs-test-baseline-XXXXXX",
           tmp && *tmp ? tmp : "/tmp");
  int fd = mkstemp(path);
  EXPECT(fd >= 0);
  if (fd < 0) return;
  close(fd);
  char err[256] = "";
  EXPECT(sxs_checker_write_baseline(c, path, err, sizeof err) == 0);
  FILE *in = fopen(path, "r");
  EXPECT(in != NULL);
  sxs_finding_reader *r = sxs_checker_read_findings(c);
  char line[1100], fp[1024];
  size_t lines = 0, equal = 0;
  long bytes = 0;
  while (in && fgets(line, sizeof line, in)) {
    bytes += (long)strlen(line);
    line[strcspn(line, "\n")] = '\0';
    if (lines++ == 0) {
      EXPECT(line[0] == '#');
      continue;
    }
    const sxs_finding *f = r ? sxs_finding_reader_next(r) : NULL;
    if (!f) break;
    sxs_finding_fingerprint(c, f, fp, sizeof fp);
    equal += strcmp(line, fp) == 0;
  }
  EXPECT(lines == findings + 1);
  EXPECT(equal == findings);
  EXPECT(bytes > 4 * 65536);
  EXPECT(r && sxs_finding_reader_next(r) == NULL);
  sxs_finding_reader_free(r);
  if (in) fclose(in);
  unlink(path);
}

/* Past a few megabytes the pages' findings wait in a temporary file: two
 * readers at once read them all back, equal, and the counts by level
 * agree with what they read. */
static void check_reader_spool(void) {
  sxs_checker *c = new_checker();
  char source[160];
  size_t pairs = 30000;
  for (size_t i = 0; i < pairs; i++) {
    snprintf(source, sizeof source,
             "Pair %zu of a run that finds many empty targets, each "
             "quoted in its message and kept with its source text.",
             i);
    char id[32];
    snprintf(id, sizeof id, "f%05zu-%zu", i / 100, i);
    sxs_checker_add_pair(c, i < pairs / 2 ? "one.md" : "two.md",
                         (unsigned)(i + 1), 1, id, "", 0, source,
                         strlen(source), "es-ES");
  }
  sxs_checker_finish(c);
  EXPECT(sxs_checker_finding_count(c) == pairs);
  sxs_finding_reader *a = sxs_checker_read_findings(c);
  sxs_finding_reader *b = sxs_checker_read_findings(c);
  size_t read = 0, at_warning = 0;
  const sxs_finding *x, *y;
  while (a && b && (x = sxs_finding_reader_next(a))) {
    char line_x[400];
    snprintf(line_x, sizeof line_x, "%zu:%u:%s:%s:%s", x->file_index, x->line,
             x->id, x->message, x->source ? x->source : "(none)");
    y = sxs_finding_reader_next(b);
    EXPECT(y != NULL);
    if (!y) break;
    char line_y[400];
    snprintf(line_y, sizeof line_y, "%zu:%u:%s:%s:%s", y->file_index, y->line,
             y->id, y->message, y->source ? y->source : "(none)");
    EXPECT(strcmp(line_x, line_y) == 0);
    EXPECT(x->line == read + 1);
    if (x->level >= SXS_LEVEL_WARNING) at_warning++;
    read++;
  }
  EXPECT(read == pairs);
  EXPECT(b && sxs_finding_reader_next(b) == NULL);
  EXPECT(a && !sxs_finding_reader_failed(a) && !sxs_finding_reader_failed(b));
  EXPECT(at_warning == sxs_checker_count_at(c, SXS_LEVEL_WARNING));
  EXPECT(at_warning > 0);
  sxs_finding_reader_free(a);
  sxs_finding_reader_free(b);
  check_baseline_streamed(c, pairs);
  sxs_checker_free(c);
}

/* A run of many pages whose pairs share sources translated two ways, its
 * findings as one text: place, check, level, id and message of each. */
static void consistency_run(sxs_buf *text, int *spool_files) {
  sxs_checker *c = new_checker();
  char file[32], id[32], source[64], target[64];
  for (unsigned f = 0; f < 200; f++) {
    snprintf(file, sizeof file, "p%03u.md", f);
    for (unsigned i = 0; i < 5; i++) {
      unsigned k = (f * 5 + i) % 11;
      snprintf(id, sizeof id, "c%03u-%u", f, 100 + i);
      snprintf(source, sizeof source, "Sentence number %u of the guide.", k);
      snprintf(target, sizeof target, "Frase numero %u de la guia%s.", k,
               (f + i) % 4 == 0 ? " (otra)" : "");
      /* Now and then an empty target: a finding of the page itself. */
      size_t target_len = (f * 5 + i) % 7 == 3 ? 0 : strlen(target);
      sxs_checker_add_pair(c, file, 10 + 2 * i, 1, id, target, target_len,
                           source, strlen(source), "es-ES");
    }
  }
  sxs_checker_finish(c);
  /* The spool files are unlinked at once: they show as deleted files
   * among the process's open ones. */
  *spool_files = 0;
  char link[64], where[512];
  for (int fd = 0; fd < 1024; fd++) {
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, where, sizeof where - 1);
    if (n <= 0) continue;
    where[n] = '\0';
    if (strstr(where, "sxs-spool-")) ++*spool_files;
  }
  /* Two readers at once, each with its own copy of the log's chunks. */
  sxs_finding_reader *a = sxs_checker_read_findings(c);
  sxs_finding_reader *b = sxs_checker_read_findings(c);
  const sxs_finding *x, *y;
  while (a && b && (x = sxs_finding_reader_next(a))) {
    sxs_buf_printf(text, "%s:%u:%u:%d:%d:%s:%s\n",
                   sxs_checker_file(c, x->file_index), x->line, x->column,
                   (int)x->check, (int)x->level, x->id, x->message);
    y = sxs_finding_reader_next(b);
    EXPECT(y && y->line == x->line && strcmp(y->id, x->id) == 0 &&
           strcmp(y->message, x->message) == 0);
  }
  EXPECT(a && b && !sxs_finding_reader_failed(a) &&
         sxs_finding_reader_next(b) == NULL && !sxs_finding_reader_failed(b));
  sxs_finding_reader_free(a);
  sxs_finding_reader_free(b);
  sxs_checker_free(c);
}

/* The consistency log and the findings read back from the spool's file
 * (a few bytes of memory force it) are those read from memory. */
static void check_consistency_through_spool(void) {
  sxs_buf in_memory = SXS_BUF_INIT, through_file = SXS_BUF_INIT;
  int files = 0;
  consistency_run(&in_memory, &files);
  EXPECT(files == 0);
  size_t saved = sxs_spool_memory;
  sxs_spool_memory = 256;
  consistency_run(&through_file, &files);
  sxs_spool_memory = saved;
  EXPECT(files == 2); /* the findings' and the log's */
  size_t lines = 0;
  for (size_t i = 0; i < in_memory.len; i++) lines += in_memory.data[i] == '\n';
  EXPECT(lines > 300);
  EXPECT(in_memory.len == through_file.len &&
         memcmp(in_memory.data, through_file.data, in_memory.len) == 0);
  sxs_buf_free(&in_memory);
  sxs_buf_free(&through_file);
}

static void walk_failed(void *ctx, const char *path, const char *message) {
  (void)ctx;
  fprintf(stderr, "%s: %s\n", path, message);
}

/* The real es-ES and it-IT trees, checked with every check, written as
 * text into out. Returns 0 when ../shared is not there. */
static int check_real_trees(char **out, size_t *len) {
  const char *shared = getenv("SXS_SHARED");
  char dir[2][600];
  for (int i = 0; i < 2; i++)
    snprintf(dir[i], sizeof dir[i], "%s/corpus/partner-center/%s/sxs",
             shared ? shared : "../shared", i ? "it-IT" : "es-ES");
  sxs_path_list paths = {0};
  for (int i = 0; i < 2; i++)
    if (access(dir[i], R_OK) != 0 || sxs_walk(dir[i], &paths, walk_failed, NULL) != 0) {
      sxs_path_list_free(&paths);
      return 0;
    }
  sxs_checker *c = new_checker();
  sxs_checker_set_level(c, "all", -1);
  for (size_t i = 0; i < paths.count; i++) {
    char *data, err[256];
    size_t n;
    if (sxs_read_file(paths.paths[i], &data, &n, err, sizeof err) < 0) continue;
    sxs_page *page = sxs_page_adopt(data, n);
    if (page) sxs_checker_add_page(c, paths.paths[i], page);
    sxs_page_free(page);
  }
  sxs_checker_finish(c);
  FILE *f = open_memstream(out, len);
  EXPECT(f && sxs_checker_write(c, SXS_CHECK_TEXT, f) == 0);
  if (f) fclose(f);
  sxs_checker_free(c);
  sxs_path_list_free(&paths);
  return 1;
}

/* On the real pages, what is read back from the spool files (forced by a
 * few kilobytes of spool memory) is what is read from memory: every
 * finding, the consistency ones pinned by tests/corpus/check_corpus.sh
 * among them. */
static void check_real_pages_through_spool(void) {
  char *in_memory = NULL, *through_file = NULL;
  size_t a = 0, b = 0;
  if (!check_real_trees(&in_memory, &a)) {
    fprintf(stderr, "no corpus in ../shared: real-page spool test skipped\n");
    return;
  }
  size_t saved = sxs_spool_memory;
  sxs_spool_memory = 4096;
  check_real_trees(&through_file, &b);
  sxs_spool_memory = saved;
  size_t consistency = 0;
  for (const char *p = in_memory; p && (p = strstr(p, "[consistency-")); p++)
    consistency++;
  EXPECT(consistency == 3684 + 589 + 802);
  EXPECT(a > 1000000 && a == b && memcmp(in_memory, through_file, a) == 0);
  free(in_memory);
  free(through_file);
}

int main(void) {
  const char *src = getenv("SXS_SOURCE_DIR");
  snprintf(locales_dir, sizeof locales_dir, "%s/locales", src ? src : ".");
  check_cases();
  check_consistency();
  check_consistency_layout();
  check_levels_and_baseline();
  check_baseline_counts();
  check_glossary();
  check_nfc_assumption();
  check_consistency_nfc();
  check_consistency_per_locale();
  check_results_in_order();
  check_reader_order_and_ids();
  check_reader_spool();
  check_consistency_through_spool();
  check_real_pages_through_spool();
  if (failures) fprintf(stderr, "%d failure(s)\n", failures);
  return failures ? 1 : 0;
}
