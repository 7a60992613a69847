/* One option parser for every subcommand, in the manner of git's
 * parse-options: a table of options, usage printed from it. */
#ifndef SXS_TOOLS_OPTIONS_H
#define SXS_TOOLS_OPTIONS_H

#include <stdio.h>

enum sxs_option_type {
  SXS_OPT_END = 0,
  SXS_OPT_FLAG,     /* int *: set to 1 */
  SXS_OPT_STRING,   /* const char **: the argument */
  SXS_OPT_INT,      /* int *: the argument, a whole number */
  SXS_OPT_LIST,     /* sxs_string_list *: each occurrence appended */
  SXS_OPT_JOBS      /* int *: threads, 0 (the default) to SXS_JOBS_MAX */
};

/* The most threads -j takes: far more than any machine this runs on has
 * cores, few enough that their stacks and pages in flight fit. */
#define SXS_JOBS_MAX 1024

typedef struct sxs_string_list {
  const char **items;
  int count;
  int cap;
} sxs_string_list;

typedef struct sxs_option {
  char short_name;        /* 0 for none */
  const char *long_name;  /* NULL for none */
  enum sxs_option_type type;
  void *value;
  const char *arg_name;   /* shown in usage, e.g. "FILE" */
  const char *help;
} sxs_option;

typedef struct sxs_command_usage {
  const char *name;       /* "extract" */
  const char *synopsis;   /* "[options] PATH..." */
  const char *summary;    /* one line */
} sxs_command_usage;

/* Parses argv[1..]; options may come anywhere, "--" ends them. On success
 * returns the number of operands, moved to the front of argv. Returns -1
 * after printing an error and the usage to stderr (the caller exits 2);
 * -2 when --help was given and the usage was printed to stdout (exit 0). */
int sxs_parse_options(int argc, char **argv, const sxs_option *options,
                      const sxs_command_usage *usage);

void sxs_print_usage(FILE *out, const sxs_option *options,
                     const sxs_command_usage *usage);

void sxs_string_list_free(sxs_string_list *list);

/* Exit status shared by every subcommand, like grep and diff. */
enum { SXS_EXIT_OK = 0, SXS_EXIT_FINDINGS = 1, SXS_EXIT_TROUBLE = 2 };

#endif
