/* SPDX-License-Identifier: EUPL-1.2 */
/* slip: the lines of an activity's printed slip. */
#include "config.h"

#include "print/slip.h"

#include "model/model.h"
#include "util/i18n.h"
#include "util/timefmt.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLIP_MAX_LINES 40

static void add(struct slip *s, enum slip_style style, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void add(struct slip *s, enum slip_style style, const char *fmt, ...)
{
	if (s->n == SLIP_MAX_LINES)
		return;
	char *buf = NULL;
	va_list ap;
	va_start(ap, fmt);
	int len = vasprintf(&buf, fmt, ap);
	va_end(ap);
	const char *text = len >= 0 ? arena_strndup(&s->arena, buf, (size_t)len) : NULL;
	if (text)
		s->lines[s->n++] = (struct slip_line){style, text};
	if (len >= 0)
		free(buf);
}

static bool begin(struct slip *out)
{
	*out = (struct slip){0};
	out->lines = arena_alloc(&out->arena, SLIP_MAX_LINES * sizeof(*out->lines));
	return out->lines != NULL;
}

/* The web address and its code, then the centre's name. */
static void end(struct slip *out, const char *web, const char *site)
{
	if (web) {
		add(out, SLIP_NORMAL, "%s", web);
		out->qr = arena_strndup(&out->arena, web, strlen(web));
		out->qr_at = out->n;
	}
	if (site && *site)
		add(out, SLIP_SMALL, "%s", site);
}

bool slip_of_activity(const struct activity_detail *d, const char *site, struct slip *out)
{
	if (!begin(out))
		return false;
	add(out, SLIP_LARGE, "%s", d->name);
	if (d->schedule_text)
		add(out, SLIP_NORMAL, "%s", d->schedule_text);
	for (size_t i = 0; i < d->n_next && i < SLIP_DATES; i++) {
		char date[TIMEFMT_BUFSIZE], span[48];
		timefmt_date(d->next[i].start, date);
		*strrchr(date, '.') = '\0'; /* "8.12." without the year */
		timefmt_span(d->next[i].start, d->next[i].end, span, sizeof(span));
		bool cancelled = d->next[i].status && !strcmp(d->next[i].status, "EventCancelled");
		add(out, SLIP_LARGE, "%s %s. %s%s%s",
		    i18n_weekday(timefmt_weekday(d->next[i].start)), date, span,
		    cancelled ? " " : "", cancelled ? _("CANCELLED") : "");
	}
	if (d->place || d->street_address) {
		add(out, SLIP_HEADING, "%s", _("Where"));
		if (d->place)
			add(out, SLIP_NORMAL, "%s", d->place);
		if (d->street_address)
			add(out, SLIP_NORMAL, "%s%s%s%s%s", d->street_address,
			    d->postal_code || d->locality ? ", " : "",
			    d->postal_code ? d->postal_code : "",
			    d->postal_code && d->locality ? " " : "",
			    d->locality ? d->locality : "");
	}
	if (d->organizer) {
		add(out, SLIP_HEADING, "%s", _("Organiser"));
		add(out, SLIP_NORMAL, "%s", d->organizer);
	}
	const char *phone = d->phone ? d->phone : d->organizer_phone;
	if (phone)
		add(out, SLIP_HEADING, "%s %s", _("Tel."), phone);
	if (d->is_free)
		add(out, SLIP_NORMAL, "%s", _("Free of charge"));
	else if (d->price)
		add(out, SLIP_NORMAL, "%s", d->price);
	end(out, d->info_url ? d->info_url : d->organizer_url, site);
	return out->n > 0;
}

bool slip_of_announcement(const struct announcement *a, const char *site, struct slip *out)
{
	if (!begin(out))
		return false;
	add(out, SLIP_LARGE, "%s", a->title);
	/* The text by its paragraphs; what does not fit the slip is left out. */
	for (const char *p = a->body; p && *p && out->n < SLIP_MAX_LINES - 4;) {
		size_t n = strcspn(p, "\n");
		if (n)
			add(out, SLIP_NORMAL, "%.*s", (int)n, p);
		p += n + (p[n] == '\n');
	}
	if (a->valid_until) {
		char until[TIMEFMT_BUFSIZE];
		timefmt_date(a->valid_until, until);
		add(out, SLIP_NORMAL, _("valid until %s"), until);
	}
	end(out, a->url, site);
	return out->n > 0;
}

void slip_free(struct slip *s)
{
	arena_free(&s->arena);
	*s = (struct slip){0};
}
