/* SPDX-License-Identifier: EUPL-1.2 */
/* Fuzz target: the text cleaner's properties: valid UTF-8 out, no C0 (but
 * newline in paragraphs), C1 or DEL, cleaning twice changes nothing, and
 * display width and wrapping never fail on it. */
#include "config.h"

#include "util/text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	if (!ready) {
		text_init();
		ready = 1;
	}
	for (int mode = 0; mode < 2; mode++) {
		char *once = text_clean((const char *)data, size, (enum text_mode)mode);
		if (!once)
			return 0;
		size_t len = strlen(once);
		for (size_t i = 0; i < len;) {
			unsigned cp;
			size_t n = text_decode(once + i, len - i, &cp);
			if (n == 0 || (cp < 0x20 && !(cp == '\n' && mode == TEXT_PARAGRAPHS)) ||
			    (cp >= 0x7F && cp <= 0x9F))
				abort();
			i += n;
		}
		char *twice = text_clean(once, len, (enum text_mode)mode);
		if (!twice || strcmp(once, twice) != 0)
			abort();
		struct text_line lines[64];
		text_wrap(once, 1 + (int)(size % 80), lines, 64);
		(void)text_display_width(once);
		free(once);
		free(twice);
	}
	return 0;
}
