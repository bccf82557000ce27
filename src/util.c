/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Side-effect-free helpers: string buffers, JSON escaping and strict number
 * parsing. Strict means a value is either wholly understood or refused, as
 * the configuration language demands.
 */
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

void close_reset(int *fd)
{
	int saved = errno;

	if (*fd >= 0)
		close(*fd);
	*fd = -1;
	errno = saved;
}

void strbuf_fini(struct strbuf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

static bool grow(struct strbuf *b, size_t extra)
{
	size_t need, cap;
	char *s;

	if (b->oom)
		return false;
	if (extra > SIZE_MAX / 2 - b->len - 1)
		goto fail;
	need = b->len + extra + 1;
	if (need <= b->cap)
		return true;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	s = realloc(b->s, cap);
	if (!s)
		goto fail;
	b->s = s;
	b->cap = cap;
	return true;
fail:
	b->oom = true;
	return false;
}

void strbuf_putn(struct strbuf *b, const char *s, size_t n)
{
	if (!grow(b, n))
		return;
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void strbuf_puts(struct strbuf *b, const char *s)
{
	strbuf_putn(b, s, strlen(s));
}

void strbuf_putc(struct strbuf *b, char c)
{
	strbuf_putn(b, &c, 1);
}

void strbuf_vprintf(struct strbuf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0 || !grow(b, (size_t)n)) {
		b->oom = true;
		return;
	}
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void strbuf_printf(struct strbuf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	strbuf_vprintf(b, fmt, ap);
	va_end(ap);
}

/* Length of a valid UTF-8 sequence at S (N bytes left), 0 when invalid. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	size_t len, i;
	uint32_t cp;

	if (s[0] < 0x80)
		return 1;
	if ((s[0] & 0xe0) == 0xc0) {
		len = 2;
		cp = s[0] & 0x1f;
	} else if ((s[0] & 0xf0) == 0xe0) {
		len = 3;
		cp = s[0] & 0x0f;
	} else if ((s[0] & 0xf8) == 0xf0) {
		len = 4;
		cp = s[0] & 0x07;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	/* Overlong forms, surrogates and out-of-range code points. */
	if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
	    (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

void strbuf_json_strn(struct strbuf *b, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, k;

	strbuf_putc(b, '"');
	while (i < n) {
		unsigned char c = p[i];

		switch (c) {
		case '"':
			strbuf_puts(b, "\\\"");
			break;
		case '\\':
			strbuf_puts(b, "\\\\");
			break;
		case '\n':
			strbuf_puts(b, "\\n");
			break;
		case '\t':
			strbuf_puts(b, "\\t");
			break;
		case '\r':
			strbuf_puts(b, "\\r");
			break;
		default:
			if (c < 0x20 || c == 0x7f) {
				strbuf_printf(b, "\\u%04x", c);
				break;
			}
			k = utf8_len(p + i, n - i);
			if (k == 0) {
				/*
				 * A path is bytes, not text: keep the byte
				 * visible and unambiguous rather than emit
				 * invalid JSON.
				 */
				strbuf_printf(b, "\\\\x%02x", c);
				break;
			}
			strbuf_putn(b, s + i, k);
			i += k;
			continue;
		}
		i++;
	}
	strbuf_putc(b, '"');
}

void strbuf_json_str(struct strbuf *b, const char *s)
{
	strbuf_json_strn(b, s, strlen(s));
}

const char *strbuf_str(const struct strbuf *b)
{
	return b->s ? b->s : "";
}

bool strbuf_failed(const struct strbuf *b)
{
	return b->oom;
}

char *strbuf_steal(struct strbuf *b)
{
	char *s;

	if (b->oom) {
		strbuf_fini(b);
		b->oom = false;
		return NULL;
	}
	s = b->s ? b->s : strdup("");
	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

int parse_u64(const char *s, int base, uint64_t max, uint64_t *out)
{
	unsigned long long v;
	char *end;

	if (!*s || !isxdigit((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, base);
	if (*end)
		return -EINVAL;
	if (errno == ERANGE || v > max)
		return -ERANGE;
	*out = v;
	return 0;
}

static int scale(const char *num, uint64_t mult, uint64_t *out)
{
	uint64_t v;
	int err;

	err = parse_u64(num, 10, UINT64_MAX, &v);
	if (err < 0)
		return err;
	if (mult && v > UINT64_MAX / mult)
		return -ERANGE;
	*out = v * mult;
	return 0;
}

int parse_size(const char *s, uint64_t *out)
{
	static const struct {
		const char *unit;
		uint64_t mult;
	} units[] = {
		{ "", 1 },
		{ "B", 1 },
		{ "K", 1ULL << 10 },
		{ "KiB", 1ULL << 10 },
		{ "KB", 1000ULL },
		{ "M", 1ULL << 20 },
		{ "MiB", 1ULL << 20 },
		{ "MB", 1000000ULL },
		{ "G", 1ULL << 30 },
		{ "GiB", 1ULL << 30 },
		{ "GB", 1000000000ULL },
		{ "T", 1ULL << 40 },
		{ "TiB", 1ULL << 40 },
		{ "TB", 1000000000000ULL },
	};
	char num[32];
	size_t n = strspn(s, "0123456789"), i;

	if (n == 0 || n >= sizeof(num))
		return n ? -ERANGE : -EINVAL;
	memcpy(num, s, n);
	num[n] = '\0';
	for (i = 0; i < ARRAY_SIZE(units); i++) {
		if (!strcasecmp(s + n, units[i].unit))
			return scale(num, units[i].mult, out);
	}
	return -EINVAL;
}

int parse_duration(const char *s, uint64_t *out)
{
	static const struct {
		const char *unit;
		uint64_t mult;
	} units[] = {
		{ "", 1 },     { "s", 1 },     { "m", 60 },
		{ "h", 3600 }, { "d", 86400 },
	};
	char num[32];
	size_t n = strspn(s, "0123456789"), i;

	if (n == 0 || n >= sizeof(num))
		return n ? -ERANGE : -EINVAL;
	memcpy(num, s, n);
	num[n] = '\0';
	for (i = 0; i < ARRAY_SIZE(units); i++)
		if (!strcmp(s + n, units[i].unit))
			return scale(num, units[i].mult, out);
	return -EINVAL;
}

int parse_bool(const char *s, bool *out)
{
	if (!strcmp(s, "on") || !strcmp(s, "true") || !strcmp(s, "1")) {
		*out = true;
		return 0;
	}
	if (!strcmp(s, "off") || !strcmp(s, "false") || !strcmp(s, "0")) {
		*out = false;
		return 0;
	}
	return -EINVAL;
}

int vec_push(struct vec *v, const void *elem)
{
	if (v->n == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 8;
		void *nv;

		if (cap > SIZE_MAX / v->elem)
			return -ENOMEM;
		nv = realloc(v->v, cap * v->elem);
		if (!nv)
			return -ENOMEM;
		v->v = nv;
		v->cap = cap;
	}
	memcpy((char *)v->v + v->n * v->elem, elem, v->elem);
	v->n++;
	return 0;
}

void *vec_at(const struct vec *v, size_t i)
{
	return (char *)v->v + i * v->elem;
}

void vec_remove(struct vec *v, size_t i)
{
	char *base = v->v;

	memmove(base + i * v->elem, base + (i + 1) * v->elem,
		(v->n - i - 1) * v->elem);
	v->n--;
}

void vec_fini(struct vec *v)
{
	free(v->v);
	v->v = NULL;
	v->n = v->cap = 0;
}
