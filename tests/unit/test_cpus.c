/* The CPUs a run counts on: affinity mask and cgroup quotas, the cgroup
 * trees made in a temporary directory the way the kernel lays them out. */
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sxs/sxs_cpus.h"
#include "test.h"

static char dir[512];

/* Writes text to dir/rel, making the directories on the way. */
static void put(const char *rel, const char *text) {
  char path[1024];
  snprintf(path, sizeof path, "%s/%s", dir, rel);
  for (char *slash = strchr(path + strlen(dir) + 1, '/'); slash;
       slash = strchr(slash + 1, '/')) {
    *slash = '\0';
    mkdir(path, 0755);
    *slash = '/';
  }
  FILE *f = fopen(path, "w");
  if (!f) {
    perror(path);
    return;
  }
  fputs(text, f);
  fclose(f);
}

/* A fresh tree under dir/NAME: its proc file and its cgroup root. */
static int quota_of(const char *name, const char *proc_text,
                    const char *const *files) {
  char rel[256], proc[1024], root[1024];
  snprintf(rel, sizeof rel, "%s/proc-cgroup", name);
  put(rel, proc_text);
  for (size_t i = 0; files[i]; i += 2) {
    snprintf(rel, sizeof rel, "%s/fs/%s", name, files[i]);
    put(rel, files[i + 1]);
  }
  snprintf(proc, sizeof proc, "%s/%s/proc-cgroup", dir, name);
  snprintf(root, sizeof root, "%s/%s/fs", dir, name);
  mkdir(root, 0755);
  return sxs_cgroup_cpu_quota(proc, root);
}

static void v2_quota_rounds_up(void) {
  const char *one_and_half[] = {"a/b/cpu.max", "150000 100000\n", NULL};
  CHECK_EQ_LONG(quota_of("v2-1.5", "0::/a/b\n", one_and_half), 2);
  const char *half[] = {"a/b/cpu.max", "50000 100000\n", NULL};
  CHECK_EQ_LONG(quota_of("v2-0.5", "0::/a/b\n", half), 1);
  const char *exact[] = {"a/b/cpu.max", "300000 100000\n", NULL};
  CHECK_EQ_LONG(quota_of("v2-3", "0::/a/b\n", exact), 3);
}

static void v2_smallest_over_ancestors(void) {
  /* The process's own cgroup has none; its parent's is the limit. */
  const char *parent[] = {"a/cpu.max", "200000 100000\n",
                          "a/b/cpu.max", "max 100000\n", NULL};
  CHECK_EQ_LONG(quota_of("v2-parent", "0::/a/b\n", parent), 2);
  const char *nested[] = {"a/cpu.max", "400000 100000\n",
                          "a/b/cpu.max", "100000 50000\n", NULL};
  CHECK_EQ_LONG(quota_of("v2-nested", "0::/a/b\n", nested), 2);
  const char *outer[] = {"a/cpu.max", "100000 100000\n",
                         "a/b/cpu.max", "800000 100000\n", NULL};
  CHECK_EQ_LONG(quota_of("v2-outer", "0::/a/b\n", outer), 1);
  /* In a container the process's cgroup is the root of what is mounted. */
  const char *container[] = {"cpu.max", "250000 100000\n", NULL};
  CHECK_EQ_LONG(quota_of("v2-container", "0::/\n", container), 3);
  /* A sibling's limit is not ours. */
  const char *sibling[] = {"a/c/cpu.max", "100000 100000\n",
                           "a/b/cpu.max", "max 100000\n", NULL};
  CHECK_EQ_LONG(quota_of("v2-sibling", "0::/a/b\n", sibling), 0);
}

static void v1_quota(void) {
  const char *both[] = {"cpu,cpuacct/docker/x/cpu.cfs_quota_us", "250000\n",
                        "cpu,cpuacct/docker/x/cpu.cfs_period_us", "100000\n",
                        NULL};
  CHECK_EQ_LONG(
      quota_of("v1-docker", "5:cpu,cpuacct:/docker/x\n4:memory:/docker/x\n",
               both),
      3);
  /* -1 is no quota; the root of the mount is still looked at. */
  const char *none[] = {"cpu/a/cpu.cfs_quota_us", "-1\n",
                        "cpu/a/cpu.cfs_period_us", "100000\n",
                        "cpu/cpu.cfs_quota_us", "-1\n",
                        "cpu/cpu.cfs_period_us", "100000\n", NULL};
  CHECK_EQ_LONG(quota_of("v1-none", "1:cpu:/a\n", none), 0);
  /* The cgroup's own path is not mounted (no cgroup namespace): the
   * container's limit is on the mount's root. */
  const char *root[] = {"cpu/cpu.cfs_quota_us", "100000\n",
                        "cpu/cpu.cfs_period_us", "100000\n", NULL};
  CHECK_EQ_LONG(quota_of("v1-root", "1:cpu:/docker/abc\n", root), 1);
  /* "cpuacct" alone is not "cpu". */
  const char *acct[] = {"cpuacct/cpu.cfs_quota_us", "100000\n",
                        "cpuacct/cpu.cfs_period_us", "100000\n", NULL};
  CHECK_EQ_LONG(quota_of("v1-cpuacct", "2:cpuacct:/\n", acct), 0);
}

static void unreadable_or_damaged_is_no_quota(void) {
  const char *nothing[] = {NULL};
  CHECK_EQ_LONG(quota_of("empty", "", nothing), 0);
  CHECK_EQ_LONG(quota_of("no-files", "0::/a\n", nothing), 0);
  const char *damaged[] = {"a/cpu.max", "lots 100000\n", NULL};
  CHECK_EQ_LONG(quota_of("damaged", "0::/a\n", damaged), 0);
  const char *zero[] = {"a/cpu.max", "100000 0\n", NULL};
  CHECK_EQ_LONG(quota_of("zero-period", "0::/a\n", zero), 0);
  const char *garbage[] = {"a/cpu.max", "100000 100000\n", NULL};
  CHECK_EQ_LONG(quota_of("garbage-proc", "no colons here\n::\n", garbage), 0);
  CHECK_EQ_LONG(sxs_cgroup_cpu_quota("/nonexistent/proc/cgroup", dir), 0);
}

/* The process's own limits: what sxs_available_cpus gives follows the
 * affinity mask set here. */
static void follows_the_affinity_mask(void) {
  cpu_set_t allowed;
  if (sched_getaffinity(0, sizeof allowed, &allowed) != 0) {
    fprintf(stderr, "no affinity mask here: only the cgroup tests ran\n");
    return;
  }
  int quota = sxs_cgroup_cpu_quota("/proc/self/cgroup", "/sys/fs/cgroup");
  int count = CPU_COUNT(&allowed);
  int expected = quota > 0 && quota < count ? quota : count;
  CHECK_EQ_LONG(sxs_available_cpus(), expected);
  int first = 0;
  while (!CPU_ISSET(first, &allowed)) first++;
  cpu_set_t one;
  CPU_ZERO(&one);
  CPU_SET(first, &one);
  if (sched_setaffinity(0, sizeof one, &one) == 0) {
    CHECK_EQ_LONG(sxs_available_cpus(), 1);
    CHECK(sched_setaffinity(0, sizeof allowed, &allowed) == 0);
  }
  CHECK_EQ_LONG(sxs_available_cpus(), expected);
}

int main(void) {
  if (test_make_dir(dir, sizeof dir, "cpus") < 0) return 1;
  RUN_TEST(v2_quota_rounds_up);
  RUN_TEST(v2_smallest_over_ancestors);
  RUN_TEST(v1_quota);
  RUN_TEST(unreadable_or_damaged_is_no_quota);
  RUN_TEST(follows_the_affinity_mask);
  test_remove_dir(dir);
  return TEST_FINISH();
}
