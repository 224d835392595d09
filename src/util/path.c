/* SPDX-License-Identifier: EUPL-1.2 */
/* path: file names built without truncation. */
#include "config.h"

#include "util/path.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

char *path_format(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *out = NULL;
	if (vasprintf(&out, fmt, ap) < 0)
		out = NULL;
	va_end(ap);
	return out;
}

char *path_join(const char *dir, const char *name)
{
	return path_format("%s/%s", dir, name);
}
