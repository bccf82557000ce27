/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The fs category: a file's file-system type, the f_type magic statfs(2)
 * reports, named as <linux/magic.h> names it (tmpfs, proc, ext4; "ext"
 * for ext2/3/4) or written as a number (0x01021994). Pure: the caller
 * made the fstatfs(2) on the object it resolved, and holds the lock.
 */
#ifndef SYD_POLICY_FSTYPE_H
#define SYD_POLICY_FSTYPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sandbox.h"

/*
 * Is VALUE a type an fs rule may name: a known name, or a number written
 * 0xHEX (a type the kernel's header does not name)? Returns 0, or -EINVAL
 * with *why.
 */
int fstype_check(const char *value, const char **why);

/* Does VALUE (checked by fstype_check()) name the type MAGIC? */
bool fstype_names(const char *value, uint32_t magic);

/*
 * MAGIC's name for logs and tips into BUF (SIZE bytes): the last name
 * <linux/magic.h> gives it ("ext4"), else "0xHEX". Returns BUF.
 */
const char *fstype_name(uint32_t magic, char *buf, size_t size);

/*
 * The fs category's action for an object of type MAGIC: the last rule
 * naming it, else the default; ALLOW when the category is off. *RULE (if
 * not NULL) gets the deciding rule or NULL. Caller holds the read lock.
 */
enum action fstype_decide(const struct sandbox *sb, uint32_t magic,
			  const struct rule **rule);

#endif
