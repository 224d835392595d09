/* SPDX-License-Identifier: EUPL-1.2 */
/* opening: opening hours, parsed and asked. */
#include "config.h"

#include "util/opening.h"

#include "util/i18n.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

static const char *const days[7] = {"ma", "ti", "ke", "to", "pe", "la", "su"};

static const char *skip_space(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* A day at *p (Monday 0), advancing *p; -1 when there is none. */
static int parse_day(const char **p)
{
	for (int d = 0; d < 7; d++) {
		if (strncasecmp(*p, days[d], 2) == 0 && !isalpha((unsigned char)(*p)[2])) {
			*p += 2;
			return d;
		}
	}
	return -1;
}

/* A time at *p as minutes since midnight (24 allowed: the day's end). */
static int parse_time(const char **p)
{
	char *end;
	long h = strtol(*p, &end, 10), m = 0;
	if (end == *p || h < 0 || h > 24)
		return -1;
	if ((*end == '.' || *end == ':') && isdigit((unsigned char)end[1])) {
		const char *mm = end + 1;
		m = strtol(mm, &end, 10);
		if (end - mm != 2 || m > 59 || (h == 24 && m))
			return -1;
	}
	*p = end;
	return (int)(h * 60 + m);
}

/* One item, "ma-pe 7-20", into o; false with why. */
static bool parse_item(const char *item, struct opening *o, char *why, size_t why_len)
{
	const char *p = skip_space(item);
	int first = parse_day(&p), last = first;
	if (first >= 0 && *p == '-') {
		p++;
		last = parse_day(&p);
	}
	p = skip_space(p);
	int from = first >= 0 && last >= 0 ? parse_time(&p) : -1, until = -1;
	if (from >= 0 && *p == '-') {
		p++;
		until = parse_time(&p);
	}
	if (from < 0 || until < 0 || *skip_space(p)) {
		snprintf(why, why_len,
			 _("\"%s\" is not days and hours such as \"ma-pe 7-20\" (days ma ti ke "
			   "to pe la su, hours 7, 7.30 or 7:30)"),
			 item);
		return false;
	}
	if (until <= from) {
		snprintf(why, why_len, _("\"%s\": the closing time is not after the opening time"),
			 item);
		return false;
	}
	/* "la-ma" runs over the week's end. */
	for (int d = first;; d = (d + 1) % 7) {
		if (o->n[d] == OPENING_MAX_SPANS) {
			snprintf(why, why_len, _("\"%s\": at most %d opening hours a day"), item,
				 OPENING_MAX_SPANS);
			return false;
		}
		o->spans[d][o->n[d]].from = (uint16_t)from;
		o->spans[d][o->n[d]++].until = (uint16_t)until;
		if (d == last)
			break;
	}
	return true;
}

bool opening_parse(const char *text, struct opening *o, char *why, size_t why_len)
{
	*o = (struct opening){.always = true};
	if (!text || !*skip_space(text))
		return true;
	o->always = false;
	char *copy = strdup(text), *save = NULL;
	if (!copy) {
		snprintf(why, why_len, "%s", _("out of memory"));
		return false;
	}
	bool ok = true;
	for (char *item = strtok_r(copy, ",", &save); ok && item; item = strtok_r(NULL, ",", &save))
		ok = parse_item(item, o, why, why_len);
	free(copy);
	return ok;
}

bool opening_is_open(const struct opening *o, int64_t now)
{
	if (o->always)
		return true;
	time_t t = (time_t)now;
	struct tm tm;
	localtime_r(&t, &tm);
	int d = (tm.tm_wday + 6) % 7, minute = tm.tm_hour * 60 + tm.tm_min;
	for (int i = 0; i < o->n[d]; i++)
		if (minute >= o->spans[d][i].from && minute < o->spans[d][i].until)
			return true;
	return false;
}
