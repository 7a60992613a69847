/* Word counting: ICU word boundaries after the Markdown is stripped. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/ustring.h>

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

/* The reference: ICU's own word count, the way the manual describes it. */
static size_t icu_words(const char *text, const char *locale) {
  UErrorCode status = U_ZERO_ERROR;
  UChar utf16[256];
  int32_t units = 0;
  u_strFromUTF8WithSub(utf16, 256, &units, text, -1, 0xFFFD, NULL, &status);
  UBreakIterator *bi = ubrk_open(UBRK_WORD, locale, utf16, units, &status);
  if (U_FAILURE(status)) return (size_t)-1;
  size_t words = 0;
  for (int32_t b = ubrk_next(bi); b != UBRK_DONE; b = ubrk_next(bi))
    if (ubrk_getRuleStatus(bi) >= UBRK_WORD_NONE_LIMIT) words++;
  ubrk_close(bi);
  return words;
}

/* Latin text is counted without ICU, by rules learnt from the locale's
 * iterator: random strings of letters, digits, the marks that join words
 * in some locale or other, Latin letters, general punctuation, a soft
 * hyphen, '@' (a letter for ICU) and some CJK must give ICU's count. */
static void expect_like_icu(const char *locale, const char *icu_locale) {
  static const char *const pieces[] = {
      "a", "a", "Z", "q", "0", "9", " ", " ", ".", ",", ";", ":", "'",
      "\"", "-", "!", "?", "/", "(", "\t", "\n", "#", "@", "$", "%", "&",
      "+", "=", "_", "\xC3\xA9", "\xC3\xB1", "\xC3\x9F", "\xC2\xAA",
      "\xC2\xB7", "\xC2\xA0", "\xC2\xAD", "\xC2\xAB", "\xC2\xBF",
      "\xC5\x93", "\xE2\x80\x99", "\xE2\x80\x9C", "\xE2\x80\x93",
      "\xE2\x80\x8B", "\xE2\x80\x8D", "\xE2\x80\xA6", "\xE6\x9D\xB1",
      "\xE3\x81\xAB", "\xCC\x81"};
  const size_t count = sizeof pieces / sizeof pieces[0];
  uint32_t seed = 12345;
  int reported = 0;
  for (int round = 0; round < 10000; round++) {
    char text[128];
    size_t len = 0;
    seed = seed * 1103515245u + 12345u;
    size_t n = 1 + (seed >> 16) % 20;
    for (size_t i = 0; i < n; i++) {
      seed = seed * 1103515245u + 12345u;
      const char *piece = pieces[(seed >> 16) % count];
      memcpy(text + len, piece, strlen(piece));
      len += strlen(piece);
    }
    text[len] = '\0';
    size_t got = sxs_count_words(text, len, locale, NULL);
    size_t want = icu_words(text, icu_locale);
    if (got != want && reported++ < 5) {
      fprintf(stderr, "FAIL [%s] '%s': %zu words, ICU says %zu\n", locale,
              text, got, want);
      failures++;
    }
  }
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
  /* Letters that may start a URL, inside and at the start of words. */
  expect_plain("see www.example.com, ahttps://no fmailto:x", "see  ahttps://no fmailto:x");
  expect_plain("mailto:a@b.c then ftp://h/p<br/>what", " then  what");
  expect_plain("Homework from Windows", "Homework from Windows");
  /* Replacements never make the text longer, even at its end. */
  expect_plain("&#x1F600;&#0;&lt;&bogus;", "\xF0\x9F\x98\x80\xEF\xBF\xBD< ");
  expect_plain("tail\\_", "tail_");

  /* Root rules, a locale where ':' joins letters, one where '.' does not,
   * and one with a dictionary. */
  expect_like_icu("en", "en");
  expect_like_icu("es-ES", "es_ES");
  expect_like_icu("it-IT", "it_IT");
  expect_like_icu("sv-SE", "sv_SE");
  expect_like_icu("en-US-POSIX", "en_US_POSIX");
  expect_like_icu("ja-JP", "ja_JP");

  if (failures) fprintf(stderr, "%d failure(s)\n", failures);
  return failures ? 1 : 0;
}
