/* Word counting: ICU word boundaries after the Markdown is stripped. */
#include <stdio.h>
#include <string.h>

#include "sxs/sxs_stats.h"

static int failures;

static void expect_words(const char *locale, const char *text,
                         size_t words, size_t chars) {
  size_t got_chars = 0;
  size_t got = sxs_count_markdown_words(text, strlen(text), locale, &got_chars);
  if (got != words || got_chars != chars) {
    fprintf(stderr, "FAIL [%s] '%s': %zu words %zu chars, expected %zu/%zu\n",
            locale, text, got, got_chars, words, chars);
    failures++;
  }
}

static void expect_plain(const char *markdown, const char *plain) {
  sxs_buf out = SXS_BUF_INIT;
  sxs_countable_text(markdown, strlen(markdown), &out);
  if (out.len != strlen(plain) || memcmp(out.data, plain, out.len) != 0) {
    fprintf(stderr, "FAIL plain '%s': '%.*s', expected '%s'\n", markdown,
            (int)out.len, out.data ? out.data : "", plain);
    failures++;
  }
  sxs_buf_free(&out);
}

int main(void) {
  /* Japanese has no spaces: the dictionary gives the words. */
  expect_words("ja-JP", "私は学生です。", 4, 7);       /* 私|は|学生|です */
  expect_words("ja-JP", "東京に行きます。", 4, 8);     /* 東京|に|行き|ます */
  expect_words("ja-JP", "`sxs` で東京に行きます。", 5, 9);
  /* Chinese likewise. */
  expect_words("zh-CN", "我们喜欢北京。", 3, 7);       /* 我们|喜欢|北京 */
  /* Arabic, with emphasis, a link and inline HTML. */
  expect_words("ar-SA", "هذا كتاب جديد.", 3, 12);
  expect_words("ar-SA",
               "افتح **الإعدادات** ثم اختر [الحساب](account.md).", 5, 26);
  expect_words("ar-SA", "انقر على <strong>حفظ</strong> لحفظ 3 ملفات.", 6, 21);
  /* English: numbers are words, punctuation is not, code and link
   * destinations are not counted. */
  expect_words("en", "Use **New** to create one.", 5, 18);
  expect_words("en", "See [the guide](https://example.com/a/b/c.md).", 3, 12);
  expect_words("en", "Type `Bearer <token>` and 3.5 more.", 4, 15);
  expect_words("en", "", 0, 0);
  expect_words("en", "&nbsp;-&gt;", 0, 2);

  expect_plain("**bold** and *it*", "bold and it");
  expect_plain("[text](dest.md) ![alt](a.png)", "text alt");
  expect_plain("a `code` b", "a   b");
  expect_plain("x <span class=\"input\">y</span> z", "x  y  z");
  expect_plain("snake_case _under_", "snake_case under");
  expect_plain("see https://aka.ms/x now", "see  now");
  expect_plain("\\*literal\\* &amp; &#233;", "*literal* & \xC3\xA9");
  expect_plain("a <!-- hidden --> b", "a  b");

  if (failures) fprintf(stderr, "%d failure(s)\n", failures);
  return failures ? 1 : 0;
}
