/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * X-macro list of Landlock filesystem rights for allow/lock/RIGHT+PATH, as
 * named by syd-lock(1). Included with LL_RIGHT(id, "name") defined.
 */
LL_RIGHT(READ, "read")
LL_RIGHT(WRITE, "write")
LL_RIGHT(EXEC, "exec")
LL_RIGHT(IOCTL, "ioctl")
LL_RIGHT(CREATE, "create")
LL_RIGHT(DELETE, "delete")
LL_RIGHT(RENAME, "rename")
LL_RIGHT(SYMLINK, "symlink")
LL_RIGHT(TRUNCATE, "truncate")
LL_RIGHT(READDIR, "readdir")
LL_RIGHT(MKDIR, "mkdir")
LL_RIGHT(RMDIR, "rmdir")
LL_RIGHT(MKBDEV, "mkbdev")
LL_RIGHT(MKCDEV, "mkcdev")
LL_RIGHT(MKFIFO, "mkfifo")
LL_RIGHT(BIND, "bind") /* a path: creating a UNIX socket there */
