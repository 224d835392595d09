/* SPDX-License-Identifier: EUPL-1.2 */
/* textbuf: a string that grows as it is written, a NUL always after its
 * bytes. Running out of memory sticks in failed; what is added after that
 * is dropped, so a writer checks once, at the end. */
#ifndef AULATAULU_TEXTBUF_H
#define AULATAULU_TEXTBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

struct textbuf {
	char *s; /* NULL until something is added; the caller frees it */
	size_t len, cap;
	bool failed;
};

/* Makes room for n more bytes and the NUL; false (and failed) when out
 * of memory. */
bool textbuf_grow(struct textbuf *b, size_t n);

/* Appends n bytes of data (inline: the digests of every activity of a
 * feed append hundreds of thousands of fields). */
static inline void textbuf_add(struct textbuf *b, const void *data, size_t n)
{
	if ((b->len + n + 1 > b->cap || !b->s) && !textbuf_grow(b, n))
		return;
	memcpy(b->s + b->len, data, n);
	b->len += n;
	b->s[b->len] = '\0';
}

#endif
