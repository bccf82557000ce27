/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Memory sandboxing: brk(2), mmap(2), mmap2(2) and mremap(2), hooked only
 * with sandbox/mem on, a limit set (mem/max, mem/vm_max) and a default
 * other than allow. A call that would take the caller past a limit gets
 * default/mem's action (deny: ENOMEM; kill...), logged with the limit
 * that would have let it through. What is measured, from /proc, as Syd
 * does: for mem/vm_max the caller's virtual memory (VmSize, statm's first
 * field); for mem/max its proportional set size (Pss of smaps_rollup),
 * read only when the resident set (statm, cheap: kernel counters) says
 * the limit is near, since Pss is never above it. The call's own growth
 * counts: the length it maps, or how far it grows a mapping. These calls
 * cannot be emulated (the mapping must be the caller's): after a
 * decision made from registers and /proc alone, they continue. It is a
 * best-effort limit: memory of a mapping made earlier becomes resident
 * with no call at all, and two threads may both pass just under it.
 * Hard ceilings are rlimit/as and rlimit/data, or a cgroup.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "log.h"
#include "syscalls/access.h"
#include "syscalls/common.h"

#ifndef MREMAP_DONTUNMAP
#define MREMAP_DONTUNMAP 4
#endif

bool mem_hooked(const struct sandbox *sb)
{
	return sandbox_enabled(sb, CAT_MEM) &&
	       (sb->mem_max || sb->mem_vm_max) &&
	       sb->dflt[CAT_MEM] != ACTION_ALLOW;
}

/* A + B, or UINT64_MAX where that would wrap (a length is the caller's). */
static uint64_t add(uint64_t a, uint64_t b)
{
	return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

static uint64_t page_round(uint64_t len)
{
	uint64_t page = (uint64_t)sysconf(_SC_PAGESIZE);

	return len > UINT64_MAX - page ? UINT64_MAX
				       : (len + page - 1) & ~(page - 1);
}

/*
 * TID's virtual and resident memory, in bytes, from /proc/TID/statm: two
 * numbers the kernel keeps as counters, no walk of the page tables.
 * Returns 0 or -ESRCH.
 */
static int statm(pid_t tid, uint64_t *vm, uint64_t *rss)
{
	unsigned long long size, resident;
	uint64_t page = (uint64_t)sysconf(_SC_PAGESIZE);
	char buf[128];

	if (proc_read_file(tid, "statm", buf, sizeof(buf)) < 0 ||
	    sscanf(buf, "%llu %llu", &size, &resident) != 2)
		return -ESRCH;
	*vm = size * page;
	*rss = resident * page;
	return 0;
}

/*
 * TID's proportional set size in bytes: "Pss:" of /proc/TID/smaps_rollup,
 * which walks every mapping's page tables. Returns 0 or -ESRCH.
 */
static int pss(pid_t tid, uint64_t *out)
{
	unsigned long long kb;
	char buf[2048], *p;

	if (proc_read_file(tid, "smaps_rollup", buf, sizeof(buf)) < 0)
		return -ESRCH;
	p = strstr(buf, "\nPss:");
	if (!p || sscanf(p + 5, "%llu", &kb) != 1)
		return -ESRCH;
	*out = kb * 1024;
	return 0;
}

/*
 * Field 47 of /proc/TID/stat, where the heap starts (start_brk). The
 * name field may hold any byte: fields are counted after its last ')'.
 * Returns 0 or -ESRCH.
 */
static int heap_start(pid_t tid, uint64_t *start)
{
	char buf[1024], *p;
	int field;

	if (proc_read_file(tid, "stat", buf, sizeof(buf)) < 0)
		return -ESRCH;
	p = strrchr(buf, ')');
	for (field = 2; p && field < 47; field++)
		p = strchr(p + 1, ' ');
	if (!p)
		return -ESRCH;
	*start = strtoull(p + 1, NULL, 10);
	return 0;
}

/*
 * How far brk(TO) grows TID's heap: from its end, the page after the
 * break, as /proc/TID/maps shows it ([heap] follows the program's own
 * mappings, among the first); from where it starts when it has none
 * yet. 0 for a break within the heap's last page or below: brk(0), the
 * query every malloc starts with, and giving memory back. Returns 0 or
 * -ESRCH.
 */
static int brk_growth(pid_t tid, uint64_t to, uint64_t *growth)
{
	char buf[16384], *p;
	unsigned long long lo, hi;
	uint64_t end;

	*growth = 0;
	if (to == 0)
		return 0;
	if (proc_read_file(tid, "maps", buf, sizeof(buf)) < 0)
		return -ESRCH;
	p = strstr(buf, " [heap]\n");
	if (p) {
		while (p > buf && p[-1] != '\n')
			p--;
		if (sscanf(p, "%llx-%llx", &lo, &hi) != 2)
			return -ESRCH;
		end = hi;
	} else if (heap_start(tid, &end) < 0) {
		return -ESRCH;
	}
	if (to > end)
		*growth = page_round(to - end);
	return 0;
}

/* What a call asks for: its growth. */
struct mem_ask {
	const char *sys;
	uint64_t vm, res; /* growth of virtual and of resident memory */
	bool brk;
};

/*
 * Would the caller, with ASK's growth, go past a limit? 0 when not, 1 with
 * the limit's name and the value that would do in WHAT/NEED, or -ESRCH.
 */
static int over(struct notif *n, const struct mem_ask *ask, uint64_t max,
		uint64_t vm_max, const char **what, uint64_t *need)
{
	uint64_t vm, rss, p;
	pid_t tid = n->req->pid;

	if (statm(tid, &vm, &rss) < 0)
		return -ESRCH;
	if (vm_max && add(vm, ask->vm) > vm_max) {
		*what = "mem/vm_max";
		*need = add(vm, ask->vm);
		return 1;
	}
	/* Pss <= Rss: within the limit by Rss, within it by Pss. */
	if (!max || add(rss, ask->res) <= max)
		return 0;
	if (pss(tid, &p) < 0)
		return -ESRCH;
	if (add(p, ask->res) <= max)
		return 0;
	*what = "mem/max";
	*need = add(p, ask->res);
	return 1;
}

/*
 * The answer that fails ASK's call. brk(2) does not fail with an error: it
 * answers the break it left as it was, and libc compares that with what
 * it asked for (an errno would read as a break above it: success).
 * Answered with 0, below any break asked for, the call failed; glibc,
 * which keeps the answer as the current break, asks the kernel again
 * (brk(0)) before it next grows the heap.
 */
static long refusal(const struct mem_ask *ask)
{
	return ask->brk ? 0 : -ENOMEM;
}

/*
 * Decide ASK. Returns HOOK_CONTINUE when the call may go on, else the
 * answer that fails it, also when the caller could not be measured (fail
 * closed). Continuing is safe: nothing was read from the caller's
 * memory, the lengths are in registers the kernel reads again as they
 * are, and the kernel maps for the caller with its own checks
 * (RLIMIT_AS, overcommit) after ours.
 */
static long decide(struct notif *n, const struct mem_ask *ask)
{
	enum action act;
	uint64_t max, vm_max, need = 0;
	const char *what = NULL;
	char tip[64];
	int err;

	sandbox_rdlock(n->sb);
	max = n->sb->mem_max;
	vm_max = n->sb->mem_vm_max;
	act = n->sb->dflt[CAT_MEM];
	sandbox_unlock(n->sb);

	err = over(n, ask, max, vm_max, &what, &need);
	if (err < 0)
		return refusal(ask);
	if (err == 0)
		return HOOK_CONTINUE;
	/* In MiB, rounded up: a value to write in the policy. */
	snprintf(tip, sizeof(tip), "%s:%lluM", what,
		 (unsigned long long)((need + (1 << 20) - 1) >> 20));
	if (notif_act(n, ask->sys, NULL, CAT_MEM, act, -ENOMEM, tip) == 0)
		return HOOK_CONTINUE; /* warn */
	return refusal(ask);
}

/* brk(addr): what it adds to the heap, all of which can become resident. */
long hook_brk(struct notif *n)
{
	struct mem_ask ask = { .sys = "brk", .brk = true };
	int err = brk_growth(n->req->pid, notif_arg(n, 0), &ask.vm);

	if (err < 0)
		return refusal(&ask);
	if (ask.vm == 0)
		return HOOK_CONTINUE;
	ask.res = ask.vm;
	return decide(n, &ask);
}

/*
 * mmap(addr, len, prot, flags, fd, off), mmap2 the same: LEN pages of
 * virtual memory, which can all become resident unless PROT_NONE (a
 * reservation, as thread arenas and JITs make: counted once made
 * accessible, when the caller touches it, which no call announces).
 */
static long map(struct notif *n, const char *sys)
{
	struct mem_ask ask = { .sys = sys };

	ask.vm = page_round(notif_arg(n, 1));
	ask.res = (int)notif_arg(n, 2) == PROT_NONE ? 0 : ask.vm;
	return decide(n, &ask);
}

long mem_mmap(struct notif *n)
{
	return map(n, "mmap");
}

long hook_mmap2(struct notif *n)
{
	return map(n, "mmap2");
}

/*
 * mremap(old, old_len, new_len, flags, new): grows by NEW_LEN - OLD_LEN;
 * by NEW_LEN when the old mapping stays (MREMAP_DONTUNMAP, or OLD_LEN 0,
 * which duplicates a shared mapping). Shrinking goes on unchecked.
 */
long hook_mremap(struct notif *n)
{
	struct mem_ask ask = { .sys = "mremap" };
	uint64_t old_len = page_round(notif_arg(n, 1));
	uint64_t new_len = page_round(notif_arg(n, 2));
	unsigned flags = (unsigned)notif_arg(n, 3);

	if ((flags & MREMAP_DONTUNMAP) || old_len == 0)
		ask.vm = new_len;
	else
		ask.vm = new_len > old_len ? new_len - old_len : 0;
	if (ask.vm == 0)
		return HOOK_CONTINUE;
	ask.res = ask.vm;
	return decide(n, &ask);
}
