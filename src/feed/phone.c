/* SPDX-License-Identifier: EUPL-1.2 */
/* phone: phone numbers as feeds give them. */
#include "config.h"

#include "feed/phone.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

char *phone_tel_uri(const char *text)
{
	size_t digits = 0;
	for (const char *p = text; *p; p++) {
		if (isdigit((unsigned char)*p))
			digits++;
		else if (!strchr(" -()", *p) && !(*p == '+' && digits == 0))
			return NULL;
	}
	if (digits < 3 || digits > PHONE_MAX_DIGITS)
		return NULL;
	char *uri = malloc(strlen(text) + 5), *o = uri;
	if (!uri)
		return NULL;
	o += sizeof("tel:") - 1;
	memcpy(uri, "tel:", 4);
	for (const char *p = text; *p; p++)
		if (isdigit((unsigned char)*p) || (*p == '+' && o == uri + 4))
			*o++ = *p;
	*o = '\0';
	return uri;
}
