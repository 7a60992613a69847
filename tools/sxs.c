/* sxs: the command. Dispatches to one subcommand per file, like git. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "options.h"
#include "sxs/sxs.h"

typedef struct command {
  const char *name;
  int (*run)(int argc, char **argv);
  const char *summary;
} command;

static const command *commands(void) {
  static command table[] = {
      {"extract", NULL, "write the pairs of pages as jsonl, tsv, po, xliff or tmx"},
      {"rebuild", NULL, "write the localized or the English page"},
      {"check", NULL, "find translation defects (QA) in pages and corpora"},
      {"merge", NULL, "bring translations from XLIFF, PO or TMX back into pages"},
      {"stats", NULL, "count pairs, words and characters"},
      {"align", NULL, "align locales of the same articles into one TMX"},
      {"diff", NULL, "pairs added, removed or changed between two versions"},
      {"repair", NULL, "undo mechanical damage such as entity-escaped markup"},
      {NULL, NULL, NULL}};
  table[0].run = cmd_extract;
  table[1].run = cmd_rebuild;
  table[2].run = cmd_check;
  table[3].run = cmd_merge;
  table[4].run = cmd_stats;
  table[5].run = cmd_align;
  table[6].run = cmd_diff;
  table[7].run = cmd_repair;
  return table;
}

static void print_help(FILE *out) {
  fprintf(out,
          "usage: sxs [--version] [--help] COMMAND [ARGS]\n\n"
          "Tools for SxS bilingual Markdown pages.\n\nCommands:\n");
  for (const command *c = commands(); c->name; c++)
    if (c->run) fprintf(out, "    %-10s %s\n", c->name, c->summary);
  fprintf(out,
          "\n'sxs help COMMAND' or 'sxs COMMAND --help' describes a command.\n"
          "Exit status: 0 clean, 1 errors or findings reported, 2 usage or "
          "I/O trouble.\n");
}

/* SXS_MAX_FILE_SIZE: bytes, or a number followed by K, M or G (binary
 * multiples). Returns -1 when the text is not such a size. */
static int parse_size(const char *text, size_t *bytes) {
  errno = 0;
  char *end;
  unsigned long long n = strtoull(text, &end, 10);
  if (end == text || *text == '-' || errno == ERANGE) return -1;
  unsigned shift = 0;
  switch (*end) {
    case '\0': break;
    case 'k': case 'K': shift = 10; end++; break;
    case 'm': case 'M': shift = 20; end++; break;
    case 'g': case 'G': shift = 30; end++; break;
    default: return -1;
  }
  if (*end != '\0' || n == 0 || n > (SIZE_MAX >> 2) >> shift) return -1;
  *bytes = (size_t)n << shift;
  return 0;
}

static const command *find(const char *name) {
  for (const command *c = commands(); c->name; c++)
    if (c->run && strcmp(c->name, name) == 0) return c;
  return NULL;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    print_help(stderr);
    return SXS_EXIT_TROUBLE;
  }
  const char *name = argv[1];
  if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
    print_help(stdout);
    return SXS_EXIT_OK;
  }
  if (strcmp(name, "--version") == 0 || strcmp(name, "version") == 0) {
    char libraries[256];
    sxs_library_versions(libraries, sizeof libraries);
    printf("sxs %s\n%s\n", sxs_version(), libraries);
#ifdef SXS_LINKED_STATIC
    /* Linked in, they are not replaced by the system's updates. */
    puts("(linked into this binary: rebuild sxs after a security update of "
         "any of them)");
#endif
    return SXS_EXIT_OK;
  }
  if (strcmp(name, "help") == 0) {
    if (argc < 3) {
      print_help(stdout);
      return SXS_EXIT_OK;
    }
    const command *c = find(argv[2]);
    if (!c) {
      fprintf(stderr, "sxs: '%s' is not a sxs command; see 'sxs --help'\n",
              argv[2]);
      return SXS_EXIT_TROUBLE;
    }
    char *help_argv[] = {argv[2], "--help", NULL};
    return c->run(2, help_argv);
  }
  const char *limit = getenv("SXS_MAX_FILE_SIZE");
  if (limit && *limit) {
    size_t bytes;
    if (parse_size(limit, &bytes) < 0) {
      fprintf(stderr,
              "sxs: SXS_MAX_FILE_SIZE: '%s' is not a size (bytes, or a "
              "number followed by K, M or G)\n",
              limit);
      return SXS_EXIT_TROUBLE;
    }
    sxs_set_read_limit(bytes);
  }
  const command *c = find(name);
  if (!c) {
    fprintf(stderr, "sxs: '%s' is not a sxs command; see 'sxs --help'\n",
            name);
    return SXS_EXIT_TROUBLE;
  }
  return c->run(argc - 1, argv + 1);
}
