/* SPDX-License-Identifier: EUPL-1.2 */
/* ical_nesting: BEGIN and END lines of an iCalendar file, paired by name. */
#include "config.h"

#include "feed/ical_nesting.h"

#include "util/i18n.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* A calendar nests VCALENDAR, VEVENT and VALARM, or VTIMEZONE and
 * STANDARD: far less than this. */
#define ICAL_MAX_DEPTH 32

/* The start of the logical line at text[*pos], unfolded (a line break
 * followed by a space or a tab continues the line) into head, CRs left
 * out; *pos and *line move past it. Returns its whole length. */
static size_t next_line(const char *text, size_t len, size_t *pos, size_t *line, char *head,
			size_t size)
{
	size_t p = *pos, n = 0, whole = 0;
	for (;;) {
		for (; p < len && text[p] != '\n'; p++) {
			if (text[p] == '\r')
				continue;
			whole++;
			if (n + 1 < size)
				head[n++] = text[p];
		}
		if (p >= len)
			break;
		p++;
		++*line;
		if (p < len && (text[p] == ' ' || text[p] == '\t'))
			p++; /* folded: the line goes on */
		else
			break;
	}
	head[n] = '\0';
	*pos = p;
	return whole;
}

/* The component named in value (what follows "BEGIN:" or "END:"): its
 * letters, digits and dashes, as RFC 5545 names are (nothing else of the
 * file reaches a message), cut to name's size. */
static bool name_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '-';
}

static void component_name(const char *value, char name[32])
{
	size_t n = 0;
	for (; n < 31 && name_char(value[n]); n++)
		name[n] = value[n];
	name[n] = '\0';
}

/* RFC 5545's parts of a rule (3.3.10) and RFC 7529's; libical passes over
 * others ("UNTL=20191023" made an ending rule endless) and gives back the
 * rule without them, so the file's own lines are read. The first unknown
 * part of the rule in line (an RRULE line, unfolded) into part, or NULL. */
static const char *unknown_rule_part(const char *line, char *part, size_t size)
{
	static const char *const known[] = {
	    "FREQ",	"UNTIL", "COUNT",      "INTERVAL",  "BYSECOND", "BYMINUTE",
	    "BYHOUR",	"BYDAY", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYMONTH",
	    "BYSETPOS", "WKST",	 "RSCALE",     "SKIP",	    NULL};
	const char *r = strchr(line, ':');
	for (r = r ? r + 1 : NULL; r && *r;) {
		size_t len = strcspn(r, "=;");
		bool found = false;
		for (const char *const *k = known; *k && !found; k++)
			found = strlen(*k) == len && !strncasecmp(r, *k, len);
		if (!found && len) {
			snprintf(part, size, "%.*s", (int)len, r);
			return part;
		}
		r += strcspn(r, ";");
		r += *r == ';';
	}
	return NULL;
}

/* ical_nesting_check, with each RRULE line with a part no calendar knows
 * warned of in warn (when not NULL). */
static bool walk(const char *text, size_t len, struct ical_nesting *out, struct diag *warn)
{
	char open[ICAL_MAX_DEPTH][32];
	size_t opened_at[ICAL_MAX_DEPTH], own_lines[ICAL_MAX_DEPTH], depth = 0, line = 1, pos = 0,
								     all_lines = 0;
	*out = (struct ical_nesting){.problem = ICAL_NESTED};
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
		pos = 3; /* a BOM, as Windows tools write */
	while (pos < len) {
		size_t at = line;
		char head[160];
		size_t bytes = next_line(text, len, &pos, &line, head, sizeof(head));
		if (bytes > ICAL_MAX_LINE) {
			*out = (struct ical_nesting){
			    .problem = ICAL_LINE_TOO_LONG, .line = at, .bytes = bytes};
			return false;
		}
		/* A component's own lines: its BEGIN and END lines are its
		 * children's, counted in them. */
		bool structural = !strncasecmp(head, "BEGIN:", 6) || !strncasecmp(head, "END:", 4);
		if (++all_lines > ICAL_MAX_LINES ||
		    (depth && !structural && ++own_lines[depth - 1] > ICAL_MAX_COMPONENT_LINES)) {
			*out = (struct ical_nesting){.problem = ICAL_TOO_MANY_LINES,
						     .line = at,
						     .in_all = all_lines > ICAL_MAX_LINES};
			if (depth)
				memcpy(out->found, open[depth - 1], sizeof(out->found));
			return false;
		}
		bool begins = !strncasecmp(head, "BEGIN:", 6), ends = !strncasecmp(head, "END:", 4);
		char part[32];
		if (warn && bytes < sizeof(head) && !strncasecmp(head, "RRULE", 5) &&
		    (head[5] == ':' || head[5] == ';') &&
		    unknown_rule_part(head, part, sizeof(part)))
			diag_warn(
			    warn,
			    _("line %zu: the repeat rule has a part no calendar knows, \"%s\" "
			      "(ignored: the rule is read without it)"),
			    at, part);
		/* A time zone's changes are expanded by libical from their start
		 * (often 1601) on: one that changes every minute grows without
		 * end. Real zones change once or twice a year. */
		if (depth && !strncasecmp(head, "RRULE", 5) &&
		    (!strcasecmp(open[depth - 1], "STANDARD") ||
		     !strcasecmp(open[depth - 1], "DAYLIGHT"))) {
			const char *freq = strcasestr(head, "FREQ=");
			if (freq && strncasecmp(freq + 5, "YEARLY", 6) != 0) {
				*out = (struct ical_nesting){.problem = ICAL_ZONE_TOO_FINE,
							     .line = at};
				component_name(freq + 5, out->freq);
				memcpy(out->found, open[depth - 1], sizeof(out->found));
				return false;
			}
		}
		if (!begins && !ends)
			continue;
		char name[32];
		component_name(head + (begins ? 6 : 4), name);
		if (begins && depth == ICAL_MAX_DEPTH) {
			*out = (struct ical_nesting){.problem = ICAL_TOO_DEEP, .line = at};
			memcpy(out->found, name, sizeof(name));
			return false;
		}
		if (begins) {
			memcpy(open[depth], name, sizeof(name));
			own_lines[depth] = 0;
			opened_at[depth++] = at;
			continue;
		}
		if (depth == 0 || strcasecmp(open[depth - 1], name) != 0) {
			bool opened = false; /* further out: ended in the wrong order */
			for (size_t k = 0; k < depth; k++)
				opened = opened || !strcasecmp(open[k], name);
			*out = (struct ical_nesting){
			    .problem = opened ? ICAL_OTHER_END : ICAL_STRAY_END, .line = at};
			memcpy(out->found, name, sizeof(name));
			if (depth)
				memcpy(out->expected, open[depth - 1], sizeof(out->expected));
			return false;
		}
		depth--;
	}
	if (depth) {
		*out =
		    (struct ical_nesting){.problem = ICAL_NOT_ENDED, .line = opened_at[depth - 1]};
		memcpy(out->found, open[depth - 1], sizeof(out->found));
		return false;
	}
	return true;
}

bool ical_nesting_check(const char *text, size_t len, struct ical_nesting *out)
{
	return walk(text, len, out, NULL);
}

bool ical_nesting_whole(const char *text, size_t len, struct diag *d)
{
	struct ical_nesting n;
	if (walk(text, len, &n, d))
		return true;
	switch (n.problem) {
	case ICAL_STRAY_END:
		diag_fail(d,
			  _("line %zu: END:%s without its BEGIN:%s (the events after it would be "
			    "lost)"),
			  n.line, n.found, n.found);
		break;
	case ICAL_OTHER_END:
		diag_fail(d, _("line %zu: END:%s where END:%s was expected"), n.line, n.found,
			  n.expected);
		break;
	case ICAL_NOT_ENDED:
		diag_fail(d, _("line %zu: BEGIN:%s is never ended (was the file cut short?)"),
			  n.line, n.found);
		break;
	case ICAL_ZONE_TOO_FINE:
		diag_fail(
		    d,
		    _("line %zu: a time zone whose %s rule repeats FREQ=%s (real zones change "
		      "once or twice a year) cannot be expanded"),
		    n.line, n.found, n.freq);
		break;
	case ICAL_TOO_MANY_LINES:
		if (n.in_all)
			diag_fail(d,
				  _("line %zu: more than %d lines, more than a calendar has here"),
				  n.line, ICAL_MAX_LINES);
		else
			diag_fail(d,
				  _("line %zu: %s has more than %d lines, more than one has here"),
				  n.line, n.found, ICAL_MAX_COMPONENT_LINES);
		break;
	case ICAL_LINE_TOO_LONG:
		diag_fail(d,
			  _("line %zu is %zu bytes long, more than the %d a calendar line may "
			    "have here"),
			  n.line, n.bytes, ICAL_MAX_LINE);
		break;
	case ICAL_TOO_DEEP:
	case ICAL_NESTED:
		diag_fail(d, _("line %zu: BEGIN:%s inside more components than a calendar has"),
			  n.line, n.found);
		break;
	}
	return false;
}
