/* SPDX-License-Identifier: EUPL-1.2 */
/* textbuf: a growing string. */
#include "config.h"

#include "util/textbuf.h"

#include <stdlib.h>

bool textbuf_grow(struct textbuf *b, size_t n)
{
	if (b->failed)
		return false;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->len + n + 1)
		cap *= 2;
	char *p = realloc(b->s, cap);
	if (!p) {
		b->failed = true;
		return false;
	}
	b->s = p, b->cap = cap;
	return true;
}
