#include "options.h"

#include "pages.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define SXS_STR_(x) #x
#define SXS_STR(x) SXS_STR_(x)

void sxs_print_usage(FILE *out, const sxs_option *options,
                     const sxs_command_usage *usage) {
  fprintf(out, "usage: sxs %s %s\n", usage->name, usage->synopsis);
  if (usage->summary) fprintf(out, "\n%s\n", usage->summary);
  fputc('\n', out);
  for (const sxs_option *o = options; o->type != SXS_OPT_END; o++) {
    char spec[96];
    int n = 0;
    if (o->short_name && o->long_name)
      n = snprintf(spec, sizeof spec, "-%c, --%s", o->short_name,
                   o->long_name);
    else if (o->short_name)
      n = snprintf(spec, sizeof spec, "-%c", o->short_name);
    else
      n = snprintf(spec, sizeof spec, "    --%s", o->long_name);
    if (o->arg_name && o->type != SXS_OPT_FLAG && n > 0 &&
        (size_t)n < sizeof spec)
      snprintf(spec + n, sizeof spec - (size_t)n, " %s", o->arg_name);
    if (o->type == SXS_OPT_JOBS) {
      /* The default as this machine and this process's limits make it. */
      fprintf(out,
              "    %-28s pages in parallel (default: one per CPU available, "
              "%d here; 1: one thread)\n",
              spec, sxs_default_jobs());
      continue;
    }
    fprintf(out, "    %-28s %s\n", spec, o->help ? o->help : "");
  }
  fprintf(out, "    %-28s %s\n", "-h, --help", "show this help");
}

void sxs_string_list_free(sxs_string_list *list) {
  free(list->items);
  list->items = NULL;
  list->count = list->cap = 0;
}

static int usage_error(const sxs_option *options,
                       const sxs_command_usage *usage, const char *fmt,
                       const char *what) {
  fprintf(stderr, "sxs %s: ", usage->name);
  fprintf(stderr, fmt, what);
  fputc('\n', stderr);
  sxs_print_usage(stderr, options, usage);
  return -1;
}

static int store(const sxs_option *o, const char *arg,
                 const sxs_option *options, const sxs_command_usage *usage) {
  switch (o->type) {
    case SXS_OPT_FLAG:
      *(int *)o->value = 1;
      return 0;
    case SXS_OPT_STRING:
      *(const char **)o->value = arg;
      return 0;
    case SXS_OPT_JOBS:
    case SXS_OPT_INT: {
      char *end;
      errno = 0;
      long v = strtol(arg, &end, 10);
      int whole = !errno && *arg != '\0' && *end == '\0';
      if (whole && o->type == SXS_OPT_JOBS && (v < 0 || v > SXS_JOBS_MAX))
        return usage_error(options, usage,
                           "-j wants a number of threads from 0 (one per CPU "
                           "available) to " SXS_STR(SXS_JOBS_MAX) ", not '%s'",
                           arg);
      if (!whole || v < INT_MIN || v > INT_MAX)
        return usage_error(options, usage, "not a whole number: '%s'", arg);
      *(int *)o->value = (int)v;
      return 0;
    }
    case SXS_OPT_LIST: {
      sxs_string_list *l = o->value;
      if (l->count == l->cap) {
        int cap = l->cap ? l->cap * 2 : 8;
        const char **items = realloc(l->items, sizeof *items * (size_t)cap);
        if (!items) return usage_error(options, usage, "%s", "out of memory");
        l->items = items;
        l->cap = cap;
      }
      l->items[l->count++] = arg;
      return 0;
    }
    case SXS_OPT_END:
      break;
  }
  return -1;
}

int sxs_parse_options(int argc, char **argv, const sxs_option *options,
                      const sxs_command_usage *usage) {
  int operands = 0;
  int only_operands = 0;
  for (int i = 1; i < argc; i++) {
    char *a = argv[i];
    if (only_operands || a[0] != '-' || a[1] == '\0') {
      argv[operands++] = a;
      continue;
    }
    if (strcmp(a, "--") == 0) {
      only_operands = 1;
      continue;
    }
    if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
      sxs_print_usage(stdout, options, usage);
      return -2;
    }
    if (a[1] == '-') {
      const char *name = a + 2;
      const char *eq = strchr(name, '=');
      size_t name_len = eq ? (size_t)(eq - name) : strlen(name);
      const sxs_option *o = options;
      for (; o->type != SXS_OPT_END; o++)
        if (o->long_name && strlen(o->long_name) == name_len &&
            strncmp(o->long_name, name, name_len) == 0)
          break;
      if (o->type == SXS_OPT_END)
        return usage_error(options, usage, "unknown option '%s'", a);
      const char *arg = NULL;
      if (o->type != SXS_OPT_FLAG) {
        if (eq) arg = eq + 1;
        else if (i + 1 < argc) arg = argv[++i];
        else return usage_error(options, usage, "option '%s' needs a value", a);
      } else if (eq) {
        return usage_error(options, usage, "option '%s' takes no value", a);
      }
      if (store(o, arg, options, usage) < 0) return -1;
      continue;
    }
    /* A cluster of short options: -abc, -fjson, -f json. */
    for (const char *p = a + 1; *p; p++) {
      const sxs_option *o = options;
      for (; o->type != SXS_OPT_END; o++)
        if (o->short_name == *p) break;
      if (o->type == SXS_OPT_END) {
        char opt[3] = {'-', *p, '\0'};
        return usage_error(options, usage, "unknown option '%s'", opt);
      }
      if (o->type == SXS_OPT_FLAG) {
        if (store(o, NULL, options, usage) < 0) return -1;
        continue;
      }
      const char *arg;
      if (p[1]) arg = p + 1;
      else if (i + 1 < argc) arg = argv[++i];
      else return usage_error(options, usage, "option '%s' needs a value", a);
      if (store(o, arg, options, usage) < 0) return -1;
      break;
    }
  }
  return operands;
}
