/* The CPUs a run can keep busy: affinity mask and cgroup quota. */
#include "sxs/sxs_cpus.h"

#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The first line of the small file dir/name, without its newline; 0 when
 * unreadable. */
static int first_line_of(const char *dir, const char *name, char *line,
                         size_t size) {
  char path[PATH_MAX + 32];
  if (snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path)
    return 0;
  FILE *f = fopen(path, "r");
  if (!f) return 0;
  int ok = fgets(line, (int)size, f) != NULL;
  fclose(f);
  if (ok) line[strcspn(line, "\n")] = '\0';
  return ok;
}

/* A positive whole number, white space after it allowed. */
static int parse_count(const char *s, long long *out) {
  char *end;
  long long v = strtoll(s, &end, 10);
  if (end == s || v <= 0) return 0;
  while (*end == ' ' || *end == '\t') end++;
  if (*end != '\0') return 0;
  *out = v;
  return 1;
}

/* quota/period CPUs, rounded up; 0 for no quota. */
static int cpus_of_quota(long long quota, long long period) {
  if (quota <= 0 || period <= 0) return 0;
  long long cpus = quota / period + (quota % period != 0);
  return cpus > INT_MAX ? INT_MAX : (int)cpus;
}

/* cgroup v2: "QUOTA PERIOD", or "max PERIOD" for none. */
static int quota_v2(const char *dir) {
  char line[128];
  if (!first_line_of(dir, "cpu.max", line, sizeof line)) return 0;
  char *space = strchr(line, ' ');
  long long quota, period;
  if (!space) return 0;
  *space = '\0';
  if (!parse_count(line, &quota) || !parse_count(space + 1, &period)) return 0;
  return cpus_of_quota(quota, period);
}

/* cgroup v1: cpu.cfs_quota_us (-1 for none) over cpu.cfs_period_us. */
static int quota_v1(const char *dir) {
  char quota_line[64], period_line[64];
  long long quota, period;
  if (!first_line_of(dir, "cpu.cfs_quota_us", quota_line, sizeof quota_line) ||
      !first_line_of(dir, "cpu.cfs_period_us", period_line,
                     sizeof period_line) ||
      !parse_count(quota_line, &quota) || !parse_count(period_line, &period))
    return 0;
  return cpus_of_quota(quota, period);
}

static int smaller_quota(int a, int b) {
  if (a == 0) return b;
  if (b == 0) return a;
  return a < b ? a : b;
}

/* The smallest quota from mount/cgroup up to mount itself. A limit can be
 * set on any ancestor; inside a container the process's own cgroup is
 * often the root of what is mounted, so its path is not always there. */
static int quota_up_from(const char *mount, const char *cgroup, int v2) {
  char dir[PATH_MAX];
  size_t base = strlen(mount);
  if (snprintf(dir, sizeof dir, "%s%s", mount,
               strcmp(cgroup, "/") == 0 ? "" : cgroup) >= (int)sizeof dir)
    return 0;
  int quota = 0;
  for (;;) {
    quota = smaller_quota(quota, v2 ? quota_v2(dir) : quota_v1(dir));
    if (strlen(dir) <= base) break;
    char *slash = strrchr(dir, '/');
    if (!slash || (size_t)(slash - dir) < base) break;
    *slash = '\0';
  }
  return quota;
}

/* Whether a v1 controller list ("cpu,cpuacct") names "cpu". */
static int names_cpu(const char *list, size_t len) {
  for (size_t i = 0; i < len;) {
    size_t j = i;
    while (j < len && list[j] != ',') j++;
    if (j - i == 3 && memcmp(list + i, "cpu", 3) == 0) return 1;
    i = j + 1;
  }
  return 0;
}

int sxs_cgroup_cpu_quota(const char *proc_cgroup, const char *cgroup_root) {
  FILE *f = fopen(proc_cgroup, "r");
  if (!f) return 0;
  char line[PATH_MAX + 256];
  int quota = 0;
  while (fgets(line, sizeof line, f)) {
    line[strcspn(line, "\n")] = '\0';
    /* hierarchy-ID:controller-list:cgroup-path */
    char *c1 = strchr(line, ':');
    char *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
    if (!c2 || c2[1] != '/') continue;
    const char *controllers = c1 + 1;
    size_t controllers_len = (size_t)(c2 - controllers);
    const char *cgroup = c2 + 1;
    char mount[PATH_MAX];
    if (controllers_len == 0 && strncmp(line, "0:", 2) == 0) {
      quota = smaller_quota(quota, quota_up_from(cgroup_root, cgroup, 1));
    } else if (names_cpu(controllers, controllers_len)) {
      /* Mounted under the controller list's name, or "cpu" beside it. */
      if (snprintf(mount, sizeof mount, "%s/%.*s", cgroup_root,
                   (int)controllers_len, controllers) < (int)sizeof mount)
        quota = smaller_quota(quota, quota_up_from(mount, cgroup, 0));
      if (controllers_len != 3 &&
          snprintf(mount, sizeof mount, "%s/cpu", cgroup_root) <
              (int)sizeof mount)
        quota = smaller_quota(quota, quota_up_from(mount, cgroup, 0));
    }
  }
  fclose(f);
  return quota;
}

int sxs_available_cpus(void) {
  int cpus = 0;
  cpu_set_t allowed;
  if (sched_getaffinity(0, sizeof allowed, &allowed) == 0)
    cpus = CPU_COUNT(&allowed);
  if (cpus < 1) {
    /* More CPUs than a cpu_set_t holds, or no affinity call. */
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    cpus = online > INT_MAX ? INT_MAX : online < 1 ? 1 : (int)online;
  }
  int quota = sxs_cgroup_cpu_quota("/proc/self/cgroup", "/sys/fs/cgroup");
  if (quota > 0 && quota < cpus) cpus = quota;
  return cpus;
}
