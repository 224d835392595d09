/* demo: the bundled demo feed, dated relative to "now". */
#include "config.h"

#include "demo.h"

#include "timefmt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

extern const char demo_feed_template[];

/* Expands the token at p (after '"@') into out; returns the bytes of the
 * template it used (through the closing quote) or 0 if p is no token. */
static size_t expand(const char *p, int64_t now, char *out, size_t out_size)
{
	char ts[TIMEFMT_BUFSIZE];
	int days, hour, minute, used = 0;
	if (strncmp(p, "SEQ\"", 4) == 0) {
		/* A new minute is a new version: later demos are never rollbacks. */
		snprintf(out, out_size, "%lld", (long long)(now / 60));
		return 4;
	}
	if (strncmp(p, "NOW\"", 4) == 0) {
		timefmt_format(now, ts);
		snprintf(out, out_size, "\"%s\"", ts);
		return 4;
	}
	if (sscanf(p, "D%dT%2d:%2d\"%n", &days, &hour, &minute, &used) == 3 && used > 0) {
		int64_t t =
		    timefmt_add_days(timefmt_day_start(now), days) + hour * 3600 + minute * 60;
		timefmt_format(t, ts);
		snprintf(out, out_size, "\"%s\"", ts);
		return (size_t)used;
	}
	return 0;
}

char *demo_feed_generate(int64_t now, size_t *len)
{
	const char *in = demo_feed_template;
	size_t in_len = strlen(in);
	/* Each token grows by at most the length of a timestamp. */
	size_t cap = in_len + 1, o = 0;
	for (const char *p = in; (p = strchr(p, '@')); p++)
		cap += TIMEFMT_BUFSIZE;
	char *out = malloc(cap);
	if (!out)
		return NULL;
	for (size_t i = 0; i < in_len;) {
		char piece[64];
		size_t used = 0;
		if (in[i] == '"' && in[i + 1] == '@')
			used = expand(in + i + 2, now, piece, sizeof(piece));
		if (used) {
			size_t n = strlen(piece);
			memcpy(out + o, piece, n);
			o += n;
			i += 2 + used;
		} else {
			out[o++] = in[i++];
		}
	}
	out[o] = '\0';
	*len = o;
	return out;
}
