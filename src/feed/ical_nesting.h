/* SPDX-License-Identifier: EUPL-1.2 */
/* ical_nesting: whether an iCalendar file's BEGIN and END lines pair up.
 *
 * libical pops a component at any END line, whatever it names, and puts
 * what follows an END without its BEGIN outside the calendar: a file with
 * one stray line reads as a calendar without the events after it. So the
 * lines are checked first, by name, with the line of the first problem
 * (content lines unfolded as RFC 5545 folds them). */
#ifndef AULATAULU_ICAL_NESTING_H
#define AULATAULU_ICAL_NESTING_H

#include "util/diag.h"

#include <stdbool.h>
#include <stddef.h>

/* The longest content line taken, unfolded: a long DESCRIPTION is a few
 * kilobytes; libical's time on one line grows faster than its length (a
 * 15 MB line took 24 s, measured by hand). */
#define ICAL_MAX_LINE (256 * 1024)

/* libical keeps every content line as a property of ~400 bytes, and its
 * time on one component grows faster than the component: 200,000 lines
 * of one event took 84 MB and 1.4 s (by hand). An event has tens of lines; a
 * parish's whole calendar a few thousand. These bound a calendar's memory
 * near 120 MB (by hand), whatever its size. */
#define ICAL_MAX_COMPONENT_LINES 10000
#define ICAL_MAX_LINES 200000

enum ical_nesting_problem {
	ICAL_NESTED,	/* every BEGIN has its END, in order */
	ICAL_STRAY_END, /* an END line naming no component open */
	ICAL_OTHER_END, /* an END line naming one open further out than the last */
	ICAL_NOT_ENDED, /* the file ends with a component open (cut short?) */
	ICAL_TOO_DEEP,	/* components nested deeper than any calendar does */
	ICAL_LINE_TOO_LONG, /* a content line, unfolded, over ICAL_MAX_LINE bytes */
	ICAL_ZONE_TOO_FINE, /* a time zone's rule repeats more often than yearly */
	ICAL_TOO_MANY_LINES, /* over ICAL_MAX_COMPONENT_LINES in one component, or
				ICAL_MAX_LINES in all */
};

struct ical_nesting {
	enum ical_nesting_problem problem;
	size_t line;	   /* of the problem, from 1 (ICAL_NOT_ENDED: of the open BEGIN) */
	size_t bytes;	   /* ICAL_LINE_TOO_LONG: the line's length */
	bool in_all;	   /* ICAL_TOO_MANY_LINES: the calendar's, not one component's */
	char found[32];	   /* the component the line names ("VEVENT") */
	char expected[32]; /* the one open there, for ICAL_OTHER_END */
	char freq[32];	   /* ICAL_ZONE_TOO_FINE: the rule's FREQ */
};

/* Checks text (len bytes, NUL not needed); true when ICAL_NESTED, else
 * false with *out naming the first problem. */
bool ical_nesting_check(const char *text, size_t len, struct ical_nesting *out);

/* The same, with the first problem in d (translated, by its line), and
 * each repeat rule with a part no calendar knows warned of there. */
bool ical_nesting_whole(const char *text, size_t len, struct diag *d);

#endif
