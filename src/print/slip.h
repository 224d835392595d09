/* SPDX-License-Identifier: EUPL-1.2 */
/* slip: what a printed slip of an activity says, to take home: its name
 * and next dates in large type, place and address, organiser, telephone,
 * web address and its QR code, and the terminal's centre; of an
 * announcement: its title large, its text, how long it is valid, its web
 * address and code. Nothing about the visitor. In the language the
 * process speaks (i18n). */
#ifndef AULATAULU_SLIP_H
#define AULATAULU_SLIP_H

#include "util/arena.h"

#include <stdbool.h>
#include <stddef.h>

struct activity_detail;
struct announcement;

/* Most dates a slip lists. */
#define SLIP_DATES 4

enum slip_style {
	SLIP_NORMAL,
	SLIP_LARGE,   /* the name and the dates: double width and height */
	SLIP_HEADING, /* bold */
	SLIP_SMALL,   /* the footer */
};

struct slip_line {
	enum slip_style style;
	const char *text;
};

struct slip {
	struct arena arena;
	struct slip_line *lines;
	size_t n;
	const char *qr; /* the web address its code holds, or NULL */
	size_t qr_at;	/* the code comes after this many lines */
};

/* The slip of activity d at the centre called site. False when out of
 * memory. */
bool slip_of_activity(const struct activity_detail *d, const char *site, struct slip *out);
/* The slip of announcement a. */
bool slip_of_announcement(const struct announcement *a, const char *site, struct slip *out);
void slip_free(struct slip *s);

#endif
