/* How many CPUs a run can keep busy: the number of threads worth starting. */
#ifndef SXS_CPUS_H
#define SXS_CPUS_H

#ifdef __cplusplus
extern "C" {
#endif

/* The CPUs this process may run on (its affinity mask, as taskset(1) and
 * cpusets set it), lowered to its cgroup's CPU quota rounded up when there
 * is one (docker --cpus, a Kubernetes CPU limit: cgroup v2 cpu.max, or v1
 * cpu.cfs_quota_us, on the process's cgroup or any above it). At least 1.
 * Threads beyond that number only take turns on the same CPUs. */
int sxs_available_cpus(void);

/* The CPU quota of the cgroup that proc_cgroup (a /proc/PID/cgroup file)
 * names, under the cgroup file systems mounted at cgroup_root
 * (/sys/fs/cgroup), rounded up: the smallest over the cgroup and its
 * ancestors. 0 when there is none or it cannot be read. */
int sxs_cgroup_cpu_quota(const char *proc_cgroup, const char *cgroup_root);

#ifdef __cplusplus
}
#endif
#endif
