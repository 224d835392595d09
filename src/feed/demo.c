/* SPDX-License-Identifier: EUPL-1.2 */
/* demo: the bundled demo feed, dated relative to "now". */
#include "config.h"

#include "feed/demo.h"

#include "util/timefmt.h"

#include <stdbool.h>
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

/* The local day `days` after now's, as a calendar ("20261127") or a
 * spreadsheet ("27.11.2026") writes it. */
static void day_text(int64_t now, int days, bool calendar, char *out, size_t size)
{
	time_t t = (time_t)(timefmt_add_days(timefmt_day_start(now), days) + 12 * 3600);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(out, size, calendar ? "%Y%m%d" : "%d.%m.%Y", &tm);
}

/* A parish's calendar: weekly groups with a holiday and a cancelled
 * date, Sunday masses, a concert in a few days. */
static char *demo_calendar(int64_t now)
{
	/* Wednesdays and Sundays from four weeks back; the next Wednesday
	 * but one cancelled, the Sunday after next a holiday. */
	int weekday = timefmt_weekday(now); /* 0: Monday */
	int wednesday = -28 - (weekday + 5) % 7, sunday = -28 - (weekday + 1) % 7;
	char ago[16], week[16], sunday_ago[16], next[16], concert[16];
	day_text(now, wednesday, true, ago, sizeof(ago));
	day_text(now, wednesday + 42, true, week, sizeof(week));
	day_text(now, sunday, true, sunday_ago, sizeof(sunday_ago));
	day_text(now, sunday + 42, true, next, sizeof(next));
	day_text(now, 4, true, concert, sizeof(concert));
	char *out = NULL;
	if (asprintf(&out,
		     "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Aulataulu//demo//FI\r\n"
		     "X-WR-CALNAME:Tuiran seurakunta\r\n"
		     "BEGIN:VEVENT\r\nUID:diakoniapiiri@demo\r\nSUMMARY:Diakoniapiiri\r\n"
		     "DESCRIPTION:Kahvia\\, keskustelua ja yhteistä rukousta. Kaikki "
		     "tervetulleita!\r\nLOCATION:Tuiran kirkko\\, seurakuntasali\r\n"
		     "DTSTART;TZID=Europe/Helsinki:%sT130000\r\n"
		     "DTEND;TZID=Europe/Helsinki:%sT143000\r\nRRULE:FREQ=WEEKLY;BYDAY=WE\r\n"
		     "CATEGORIES:Vertaistuki,Ikääntyneet\r\nEND:VEVENT\r\n"
		     "BEGIN:VEVENT\r\nUID:diakoniapiiri@demo\r\nRECURRENCE-ID;"
		     "TZID=Europe/Helsinki:%sT130000\r\nSUMMARY:Diakoniapiiri\r\n"
		     "STATUS:CANCELLED\r\nDTSTART;TZID=Europe/Helsinki:%sT130000\r\n"
		     "END:VEVENT\r\n"
		     "BEGIN:VEVENT\r\nUID:messu@demo\r\nSUMMARY:Sanajumalanpalvelus\r\n"
		     "LOCATION:Tuiran kirkko\r\nDTSTART;TZID=Europe/Helsinki:%sT100000\r\n"
		     "DURATION:PT1H\r\nRRULE:FREQ=WEEKLY;BYDAY=SU\r\nEXDATE;TZID=Europe/Helsinki:"
		     "%sT100000\r\nCATEGORIES:Hengellisyys\r\nEND:VEVENT\r\n"
		     "BEGIN:VEVENT\r\nUID:konsertti@demo\r\nSUMMARY:Kauneimmat joululaulut\r\n"
		     "DESCRIPTION:<p>Yhteislaulua kuorojen kanssa.</p><p>Vapaa pääsy.</p>\r\n"
		     "LOCATION:Tuiran kirkko\r\nDTSTART;TZID=Europe/Helsinki:%sT180000\r\n"
		     "DTEND;TZID=Europe/Helsinki:%sT193000\r\n"
		     "URL:https://seurakunta.example.fi/kauneimmat\r\n"
		     "CATEGORIES:Musiikki,Kaikki\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
		     ago, ago, week, week, sunday_ago, next, concert, concert) < 0)
		return NULL;
	return out;
}

/* The liaison coordinator's spreadsheet, as Excel saves it (semicolons). */
static char *demo_sheet(int64_t now)
{
	char first[16], day[16];
	day_text(now, -3, false, first, sizeof(first));
	day_text(now, 3, false, day, sizeof(day));
	char *out = NULL;
	if (asprintf(
		&out,
		"\xEF\xBB\xBFtunnus;nimi;nimi_sv;järjestäjä;paikka;osoite;viikonpäivä;alkaa;"
		"päättyy;toistuu;päivämäärä;alkaen;aiheet;elämäntilanteet;maksuton;puhelin\r\n"
		"rantakavely;Rantakävely;Strandpromenad;Tuiran eläkeläiset ry;Tuiran "
		"uimaranta;Rantakatu 1;ma;10.00;11.00;viikoittain;;;Liikunta;Ikääntyneet;"
		"kyllä;040 123 4567\r\n"
		"lauluhetki;Lauluhetki muistisairaille;;Muistiyhdistys;Palvelutalo "
		"Tuirankartano;Kangastie 3;to;14;15;joka toinen viikko;;%s;Muisti;Omaishoitajat;"
		"kyllä;\r\n"
		"tukiryhma-nuoret;Nuorten tukiryhmä;;Nuorten tukilinja ry;Nuorisotalo;"
		"Tuirantie 5;;18;19.30;;%s;;Mielenterveys;Nuoret;kyllä;\r\n",
		first, day) < 0)
		return NULL;
	return out;
}

char *demo_document(const char *name, int64_t now, size_t *len)
{
	char *out = !strcmp(name, "demo")	? demo_feed_generate(now, len)
		    : !strcmp(name, "calendar") ? demo_calendar(now)
		    : !strcmp(name, "sheet")	? demo_sheet(now)
						: NULL;
	if (out && strcmp(name, "demo"))
		*len = strlen(out);
	return out;
}
