/* What a new TARGET may hold before merge writes it into a page. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sxs/sxs_merge.h"

static int failures;

static void expect(const char *text, const char *old, const char *reason) {
  size_t at = 0;
  const char *got = sxs_target_problem(text, strlen(text), old, strlen(old),
                                       &at);
  int ok = reason ? got && strstr(got, reason) != NULL : got == NULL;
  if (!ok) {
    fprintf(stderr, "FAIL '%s': got '%s', expected '%s'\n", text,
            got ? got : "(accepted)", reason ? reason : "(accepted)");
    failures++;
  }
}

int main(void) {
  const char *old = "Texto";
  expect("Un texto **nuevo** con `Bearer <token>`.", old, NULL);
  expect("Vea [la guía](guide.md) y <span class=\"input\">Tablero</span>.",
         old, NULL);
  expect("a <br> b <img src=\"x.png\"/> c &amp; <token> d", old, NULL);
  expect("fin</span> del par", old, "stray </span>");
  expect("<span class=\"x\">sin cerrar", old, "never closed");
  expect("<strong>a</span></strong>", old, "closes");
  expect("<span data-ttu-id=\"a-1\">x</span>", old, "pair markup");
  expect("x <span class=\"sxs-lookup\">y</span>", old, "pair markup");
  expect("un `código sin cerrar", old, "code span");
  expect("``doble` sin cerrar", old, "code span");
  expect("`a` y ``b``", old, NULL);
  expect("`</span>` en código", old, NULL);
  expect("\\</span> escapado", old, NULL);
  expect("termina en \\", old, "trailing backslash");
  expect("uno\ndos", old, "line break");
  expect("uno\ndos", "old\ntext", NULL);
  expect("uno\n\ndos", "old\ntext", "blank line");
  expect("uno\n  \ndos", "old\ntext", "blank line");
  expect("bad \xC3\x28 byte", old, "UTF-8");
  expect("overlong \xC0\xAF", old, "UTF-8");
  expect("surrogate \xED\xA0\x80", old, "UTF-8");
  expect("bell \x07", old, "control");
  expect("<!-- sin cerrar", old, "comment");
  expect("<!-- cerrado --> bien", old, NULL);
  expect("<a href=\"x>y\">enlace</a>", old, NULL);
  expect("<a href=\"x\">enlace", old, "never closed");

  char norm_in[] = "./a//b/./c.md";
  char *norm = sxs_normalize_path(norm_in);
  if (!norm || strcmp(norm, "a/b/c.md") != 0) {
    fprintf(stderr, "FAIL normalize: '%s'\n", norm ? norm : "(null)");
    failures++;
  }
  free(norm);
  if (failures) fprintf(stderr, "%d failure(s)\n", failures);
  return failures ? 1 : 0;
}
