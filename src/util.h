/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Helpers with no side effects beyond the memory they are given: a growable
 * string buffer, JSON string escaping, number parsing, scoped cleanup. Kernel
 * calls do not belong here (see kernel/), nor does anything that needs the
 * sandbox state.
 */
#ifndef SYD_UTIL_H
#define SYD_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#define _cleanup_(f) __attribute__((cleanup(f)))

static inline void freep(void *p)
{
	free(*(void **)p);
}

/* Hand out an owned pointer and leave NULL behind, so cleanup skips it. */
static inline void *steal_ptr(void *pp)
{
	void **p = pp;
	void *v = *p;

	*p = NULL;
	return v;
}

/* Close *fd if open and set it to -1; keeps errno. */
void close_reset(int *fd);

static inline void closep(int *fd)
{
	close_reset(fd);
}

/* An fd closed when it goes out of scope: int fd AUTO_FD = open(...); */
#define AUTO_FD __attribute__((cleanup(close_reset)))

/*
 * A growable, always NUL-terminated byte string. After an allocation failure
 * the buffer is marked failed and further appends are no-ops, so a writer
 * checks once at the end (strbuf_failed()) instead of after every call.
 */
struct strbuf {
	char *s; /* owned; NULL until the first append */
	size_t len, cap;
	bool oom;
};

void strbuf_fini(struct strbuf *b);
void strbuf_putn(struct strbuf *b, const char *s, size_t n);
void strbuf_puts(struct strbuf *b, const char *s);
void strbuf_putc(struct strbuf *b, char c);
__attribute__((format(printf, 2, 0))) void
strbuf_vprintf(struct strbuf *b, const char *fmt, va_list ap);
__attribute__((format(printf, 2, 3))) void strbuf_printf(struct strbuf *b,
							 const char *fmt, ...);
/* Appends S as a JSON string literal, quotes included. */
void strbuf_json_str(struct strbuf *b, const char *s);
/* Same for N bytes that may hold any value (invalid UTF-8 is escaped). */
void strbuf_json_strn(struct strbuf *b, const char *s, size_t n);
/* The contents ("" when empty); valid until the next append. */
const char *strbuf_str(const struct strbuf *b);
bool strbuf_failed(const struct strbuf *b);
/* Hands the string to the caller (free()); NULL after an allocation failure. */
char *strbuf_steal(struct strbuf *b);

/* A growable array of fixed-size elements, copied in by value. */
struct vec {
	void *v; /* owned */
	size_t n, cap, elem;
};

#define VEC_INIT(type) ((struct vec){ NULL, 0, 0, sizeof(type) })

/* Append a copy of ELEM. Returns 0 or -ENOMEM. */
int vec_push(struct vec *v, const void *elem);
/* Address of element I (< v->n). */
void *vec_at(const struct vec *v, size_t i);
/* Remove element I, keeping the order of the rest. */
void vec_remove(struct vec *v, size_t i);
/* Free the array (not what elements point to); keeps the element size. */
void vec_fini(struct vec *v);

/*
 * Parse a whole decimal (or 0x hex, or 0 octal when BASE is 0) unsigned
 * number no greater than MAX. Returns 0, or -EINVAL (empty, sign, trailing
 * bytes) or -ERANGE (greater than MAX).
 */
int parse_u64(const char *s, int base, uint64_t max, uint64_t *out);

/*
 * Parse a size with an optional unit: B, K/M/G/T (powers of 1024, also
 * written KiB...) or KB/MB/GB/TB (powers of 1000). Returns 0, -EINVAL or
 * -ERANGE.
 */
int parse_size(const char *s, uint64_t *out);

/*
 * Parse a duration in seconds: a number with an optional unit s, m, h or d.
 * Returns 0, -EINVAL or -ERANGE.
 */
int parse_duration(const char *s, uint64_t *out);

/* Parse on/off/true/false/1/0. Returns 0 or -EINVAL. */
int parse_bool(const char *s, bool *out);

#endif
