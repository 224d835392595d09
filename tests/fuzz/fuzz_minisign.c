/* SPDX-License-Identifier: EUPL-1.2 */
/* Fuzz target: the minisign signature and key parsers. Nothing fuzzed can
 * verify against a key it does not hold: a "yes" is a bug. */
#include "config.h"

#include "util/minisign.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A public key made for these tests; its secret key was thrown away. */
static const char key[] = "RWRpBzB9NVBKGirG+59jhBCo640720sovlAQqdC5K+G+A0HLJVqT5JUY";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char why[160];
	if (minisign_verify(key, "feed", 4, (const char *)data, size, why, sizeof(why)))
		abort();
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	(void)minisign_key_valid(text);
	free(text);
	return 0;
}
