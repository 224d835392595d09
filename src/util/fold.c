/* SPDX-License-Identifier: EUPL-1.2 */
/* fold: words compared without case and accents. */
#include "config.h"

#include "util/fold.h"

#include "util/text.h"

#include <string.h>

/* U+00C0..U+017F without their marks; '?' for letters kept as they are. */
static const char latin1[] = "aaaaaa?ceeeeiiii?nooooo?ouuuuy??aaaaaa?ceeeeiiii?nooooo?ouuuuy?y";
static const char latin_a[] = "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii??jjkk?llllllllll"
			      "nnnnnn???oooooo??rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

bool fold_word(const char *word, size_t len, char *out, size_t size)
{
	size_t o = 0;
	bool changed = false;
	for (size_t i = 0; i < len && o + 4 < size;) {
		unsigned cp;
		size_t n = text_decode(word + i, len - i, &cp);
		if (n == 0)
			n = 1, cp = '?';
		char base = 0;
		if (cp >= 0xC0 && cp <= 0xFF)
			base = latin1[cp - 0xC0];
		else if (cp >= 0x100 && cp <= 0x17F)
			base = latin_a[cp - 0x100];
		if (base && base != '?') {
			out[o++] = base;
			changed = true;
		} else {
			memcpy(out + o, word + i, n);
			o += n;
		}
		i += n;
	}
	out[o] = '\0';
	return changed;
}

void fold_lower(const char *s, size_t len, char *out, size_t size)
{
	char lower[1024];
	if (len >= sizeof(lower))
		len = sizeof(lower) - 1;
	for (size_t i = 0; i < len; i++)
		lower[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] | 0x20) : s[i];
	lower[len] = '\0';
	fold_word(lower, len, out, size);
}
