/* SPDX-License-Identifier: EUPL-1.2 */
/* speech_text: the words the kiosk says aloud. */
#include "config.h"

#include "speech/speech_text.h"

#include "model/model.h"
#include "util/i18n.h"
#include "util/textbuf.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The words that change with the language's grammar, not phrases: a
 * weekday as "on Tuesday" says it, a month after a day, a day's ordinal. */
static const struct spoken_words {
	const char *lang;
	const char *weekday[7], *month[12], *ordinal[31];
} spoken[] = {
    {"fi",
     {"sunnuntaina", "maanantaina", "tiistaina", "keskiviikkona", "torstaina", "perjantaina",
      "lauantaina"},
     {"tammikuuta", "helmikuuta", "maaliskuuta", "huhtikuuta", "toukokuuta", "kesäkuuta",
      "heinäkuuta", "elokuuta", "syyskuuta", "lokakuuta", "marraskuuta", "joulukuuta"},
     {"ensimmäinen",
      "toinen",
      "kolmas",
      "neljäs",
      "viides",
      "kuudes",
      "seitsemäs",
      "kahdeksas",
      "yhdeksäs",
      "kymmenes",
      "yhdestoista",
      "kahdestoista",
      "kolmastoista",
      "neljästoista",
      "viidestoista",
      "kuudestoista",
      "seitsemästoista",
      "kahdeksastoista",
      "yhdeksästoista",
      "kahdeskymmenes",
      "kahdeskymmenesensimmäinen",
      "kahdeskymmenestoinen",
      "kahdeskymmeneskolmas",
      "kahdeskymmenesneljäs",
      "kahdeskymmenesviides",
      "kahdeskymmeneskuudes",
      "kahdeskymmenesseitsemäs",
      "kahdeskymmeneskahdeksas",
      "kahdeskymmenesyhdeksäs",
      "kolmaskymmenes",
      "kolmaskymmenesensimmäinen"}},
    {"sv",
     {"söndag", "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag"},
     {"januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
      "oktober", "november", "december"},
     {"första",	      "andra",	     "tredje",	    "fjärde",	    "femte",	   "sjätte",
      "sjunde",	      "åttonde",     "nionde",	    "tionde",	    "elfte",	   "tolfte",
      "trettonde",    "fjortonde",   "femtonde",    "sextonde",	    "sjuttonde",   "artonde",
      "nittonde",     "tjugonde",    "tjugoförsta", "tjugoandra",   "tjugotredje", "tjugofjärde",
      "tjugofemte",   "tjugosjätte", "tjugosjunde", "tjugoåttonde", "tjugonionde", "trettionde",
      "trettioförsta"}},
    {"en",
     {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
     {"January", "February", "March", "April", "May", "June", "July", "August", "September",
      "October", "November", "December"},
     {"1st",  "2nd",  "3rd",  "4th",  "5th",  "6th",  "7th",  "8th",  "9th",  "10th", "11th",
      "12th", "13th", "14th", "15th", "16th", "17th", "18th", "19th", "20th", "21st", "22nd",
      "23rd", "24th", "25th", "26th", "27th", "28th", "29th", "30th", "31st"}},
};

static const struct spoken_words *words_of(const char *lang)
{
	for (size_t i = 0; i < sizeof(spoken) / sizeof(*spoken); i++)
		if (lang && !strcmp(lang, spoken[i].lang))
			return &spoken[i];
	return &spoken[0];
}

static void add_text(struct textbuf *b, const char *s)
{
	if (s)
		textbuf_add(b, s, strlen(s));
}

static void add_format(struct textbuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void add_format(struct textbuf *b, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n > 0)
		textbuf_add(b, buf, (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
}

/* A clock time as said: the hour and the minutes as numbers espeak-ng
 * reads ("18 30", "18"); in English with am or pm. */
static void clock_words(char *out, size_t size, const struct tm *t, const char *lang)
{
	if (!strcmp(lang, "en")) {
		int h = t->tm_hour % 12 ? t->tm_hour % 12 : 12;
		const char *half = t->tm_hour < 12 ? "am" : "pm";
		if (t->tm_min)
			snprintf(out, size, "%d %02d %s", h, t->tm_min, half);
		else
			snprintf(out, size, "%d %s", h, half);
	} else if (t->tm_min) {
		snprintf(out, size, "%d %02d", t->tm_hour, t->tm_min);
	} else {
		snprintf(out, size, "%d", t->tm_hour);
	}
}

char *speech_when(int64_t start, int64_t end, const char *lang)
{
	const struct spoken_words *w = words_of(lang);
	time_t s = (time_t)start, e = (time_t)end;
	struct tm ts, te;
	if (!localtime_r(&s, &ts) || (end && !localtime_r(&e, &te)))
		return NULL;
	char at[32], until[32];
	clock_words(at, sizeof(at), &ts, w->lang);
	struct textbuf b = {0};
	/* TRANSLATORS: a date and time read aloud: 1 weekday ("on Tuesday"),
	 * 2 the day's ordinal, 3 the month, 4 the time ("6 30 pm"). */
	add_format(&b, _("on %1$s, %3$s %2$s, at %4$s"), w->weekday[ts.tm_wday],
		   w->ordinal[ts.tm_mday - 1], w->month[ts.tm_mon], at);
	if (end > start) {
		clock_words(until, sizeof(until), &te, w->lang);
		/* TRANSLATORS: when a date read aloud ends, after its start. */
		add_format(&b, _(", until %s"), until);
	}
	return b.failed ? (free(b.s), NULL) : b.s;
}

char *speech_phone(const char *number, const char *lang)
{
	(void)lang;
	struct textbuf b = {0};
	bool group = false; /* a digit of the group at hand was said */
	for (const char *p = number; p && *p; p++) {
		if (isdigit((unsigned char)*p)) {
			if (group)
				textbuf_add(&b, " ", 1);
			textbuf_add(&b, p, 1);
			group = true;
		} else if (*p == '+') {
			add_text(&b, _("plus"));
			group = true;
		} else if (group && (*p == ' ' || *p == '-' || *p == '(' || *p == ')')) {
			/* A pause between the groups a person reads apart. */
			textbuf_add(&b, ",", 1);
			group = false;
			while (p[1] == ' ' || p[1] == '-' || p[1] == '(' || p[1] == ')')
				p++;
			textbuf_add(&b, " ", 1);
		}
	}
	if (!b.s)
		add_text(&b, "");
	return b.failed ? (free(b.s), NULL) : b.s;
}

extern const char speech_words_text[]; /* speech_words_text.S */

/* The expansion of the word at p (len bytes, a full stop or not) in
 * lang, or NULL; *abbrev_len is how much of p it replaces. */
static const char *expansion(const char *lang, const char *p, size_t len, size_t *abbrev_len,
			     size_t *expansion_len)
{
	size_t lang_len = strlen(lang);
	for (const char *line = speech_words_text; *line;) {
		const char *end = strchr(line, '\n');
		size_t n = end ? (size_t)(end - line) : strlen(line);
		const char *eq = memchr(line, '=', n);
		if (*line != '#' && eq && n > lang_len + 1 && !strncmp(line, lang, lang_len) &&
		    line[lang_len] == ' ') {
			const char *a = line + lang_len + 1;
			size_t alen = (size_t)(eq - a);
			while (alen && a[alen - 1] == ' ')
				alen--;
			if (alen == len && !strncmp(a, p, len)) {
				const char *x = eq + 1;
				while (*x == ' ')
					x++;
				*abbrev_len = alen;
				*expansion_len = (size_t)(line + n - x);
				return x;
			}
		}
		line += n + (end != NULL);
	}
	return NULL;
}

/* Where a word ends: at a space or a comma, colon or semicolon; a full
 * stop belongs to it (n., klo.) unless the text ends there. */
static size_t word_length(const char *p)
{
	size_t n = 0;
	while (p[n] && p[n] != ' ' && p[n] != ',' && p[n] != ';' && p[n] != ':' && p[n] != '\n' &&
	       p[n] != '(' && p[n] != ')')
		n++;
	return n;
}

char *speech_expand(const char *text, const char *lang)
{
	struct textbuf b = {0};
	const char *l = words_of(lang)->lang;
	for (const char *p = text ? text : ""; *p;) {
		size_t n = word_length(p);
		if (!n) {
			textbuf_add(&b, p, 1);
			p++;
			continue;
		}
		size_t alen, xlen;
		const char *x = expansion(l, p, n, &alen, &xlen);
		if (!x && n > 1 && p[n - 1] == '.') /* "ry." at a sentence's end */
			x = expansion(l, p, n - 1, &alen, &xlen);
		if (x) {
			textbuf_add(&b, x, xlen);
			p += alen;
		} else {
			textbuf_add(&b, p, n);
			p += n;
		}
	}
	if (!b.s)
		add_text(&b, "");
	return b.failed ? (free(b.s), NULL) : b.s;
}

/* Adds a sentence: text, expanded, and a full stop unless it has one. */
static void add_sentence(struct textbuf *b, const char *text, const char *lang)
{
	if (!text || !*text)
		return;
	char *said = speech_expand(text, lang);
	if (!said) {
		b->failed = true;
		return;
	}
	size_t n = strlen(said);
	while (n && (said[n - 1] == ' ' || said[n - 1] == '\n'))
		n--;
	if (b->len)
		textbuf_add(b, " ", 1);
	textbuf_add(b, said, n);
	if (n && !strchr(".!?", said[n - 1]))
		textbuf_add(b, ".", 1);
	free(said);
}

char *speech_activity(const struct activity_detail *d, const char *lang)
{
	struct textbuf b = {0};
	char line[1024];
	add_sentence(&b, d->name, lang);
	for (size_t i = 0; i < d->n_next && i < SPEECH_DATES; i++) {
		char *when = speech_when(d->next[i].start, d->next[i].end, lang);
		if (!when) {
			b.failed = true;
			break;
		}
		bool cancelled =
		    d->next[i].status && strcmp(d->next[i].status, "EventCancelled") == 0;
		snprintf(line, sizeof(line), "%s%s%s", when, cancelled ? ": " : "",
			 cancelled ? _("cancelled") : "");
		add_sentence(&b, line, lang);
		free(when);
	}
	if (d->place || d->street_address) {
		snprintf(line, sizeof(line), _("Place: %s"),
			 d->place ? d->place : d->street_address);
		if (d->place && d->street_address)
			snprintf(line + strlen(line), sizeof(line) - strlen(line), ", %s",
				 d->street_address);
		add_sentence(&b, line, lang);
	}
	if (d->organizer) {
		snprintf(line, sizeof(line), _("Organiser: %s"), d->organizer);
		add_sentence(&b, line, lang);
	}
	if (d->is_free)
		add_sentence(&b, _("Free of charge"), lang);
	else if (d->price) {
		snprintf(line, sizeof(line), _("Price: %s"), d->price);
		add_sentence(&b, line, lang);
	}
	const char *phone = d->phone ? d->phone : d->organizer_phone;
	if (phone) {
		char *digits = speech_phone(phone, lang);
		if (digits) {
			snprintf(line, sizeof(line), _("Telephone: %s"), digits);
			add_sentence(&b, line, lang);
			free(digits);
		} else {
			b.failed = true;
		}
	}
	return b.failed ? (free(b.s), NULL) : b.s;
}

char *speech_announcement(const char *title, const char *body, const char *lang)
{
	struct textbuf b = {0};
	add_sentence(&b, title, lang);
	add_sentence(&b, body, lang);
	if (!b.s)
		add_text(&b, "");
	return b.failed ? (free(b.s), NULL) : b.s;
}
