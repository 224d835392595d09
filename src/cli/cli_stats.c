/* SPDX-License-Identifier: EUPL-1.2 */
/* cli_stats: `aulataulu stats`, the anonymous counts of what patients
 * looked at (stats.h), by activity, organisation, topic, life situation
 * or day, as text, CSV or JSON. */
#include "config.h"

#include "cli/cli.h"

#include "util/i18n.h"
#include "app/stats.h"
#include "util/timefmt.h"

#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool is_day(const char *s)
{
	int y, m, d;
	char end;
	return s && strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &end) == 3 &&
	       m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

static const char *const by_names[] = {"activity", "organization", "topic", "audience", "day"};

/* A text cell, quoted; one that a spreadsheet would take for a formula
 * (= + - @, or a tab or carriage return first: OWASP's CSV injection) is
 * given a leading apostrophe, so that it stays text. */
static void print_csv_field(const char *s)
{
	putchar('"');
	if (*s && strchr("=+-@\t\r", *s))
		putchar('\'');
	for (; *s; s++) {
		if (*s == '"')
			putchar('"');
		putchar(*s);
	}
	putchar('"');
}

static json_t *row_json(const struct stats_row *r, enum stats_by by)
{
	json_t *o = json_pack("{s:s, s:s, s:I, s:I, s:I, s:I}", by == STATS_BY_DAY ? "day" : "id",
			      r->key, "name", r->name, "opened", (json_int_t)r->opened, "qr_shown",
			      (json_int_t)r->qr, "contact_shown", (json_int_t)r->contact,
			      "slips_printed", (json_int_t)r->printed);
	if (by == STATS_BY_DAY) {
		json_object_del(o, "name");
		json_object_set_new(o, "sessions", json_integer(r->sessions));
		json_object_set_new(o, "searches", json_integer(r->searches));
		json_object_set_new(o, "searches_without_result", json_integer(r->empty));
	}
	return o;
}

int cmd_stats(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"from", required_argument, NULL, 'f'}, {"to", required_argument, NULL, 't'},
	    {"by", required_argument, NULL, 'b'},   {"csv", no_argument, NULL, 'c'},
	    {"json", no_argument, NULL, 'j'},	    {NULL, 0, NULL, 0}};
	char from[11], to[11];
	stats_day(c->now, to);
	stats_day(timefmt_add_days(timefmt_day_start(c->now), -29), from);
	enum stats_by by = STATS_BY_ORGANIZATION;
	bool csv = false, json = false, ok = true;
	int opt;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (opt == 'f' || opt == 't') {
			ok = ok && is_day(optarg);
			if (ok)
				memcpy(opt == 'f' ? from : to, optarg, 11);
		} else if (opt == 'b') {
			size_t i = 0;
			while (i < 5 && strcmp(optarg, by_names[i]))
				i++;
			ok = ok && i < 5;
			by = (enum stats_by)i;
		} else if (opt == 'c' || opt == 'j') {
			*(opt == 'c' ? &csv : &json) = true;
		} else {
			ok = false;
		}
	}
	if (!ok || optind != argc || (csv && json)) {
		cli_error(_("usage: aulataulu stats [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--by "
			    "activity|organization|topic|audience|day] [--csv|--json]"));
		return EXIT_USAGE;
	}
	struct stats_report r;
	char *err = NULL;
	if (!stats_report(c->data_dir, from, to, by, &r, &err)) {
		cli_error("%s", err ? err : _("out of memory"));
		free(err);
		return EXIT_FAILED;
	}
	if (json) {
		json_t *rows = json_array(), *unmet = json_array();
		for (size_t i = 0; i < r.n; i++)
			json_array_append_new(rows, row_json(&r.rows[i], by));
		for (size_t i = 0; i < r.n_unmet; i++)
			json_array_append_new(unmet, json_string(r.unmet[i]));
		ok = cli_print_json(json_pack("{s:s, s:s, s:s, s:o, s:o}", "from", from, "to", to,
					      "by", by_names[by], "rows", rows, "unmet_searches",
					      unmet));
	} else if (csv) {
		printf("%s,name,opened,qr_shown,contact_shown,slips_printed%s\n", by_names[by],
		       by == STATS_BY_DAY ? ",sessions,searches,searches_without_result" : "");
		for (size_t i = 0; i < r.n; i++) {
			print_csv_field(r.rows[i].key);
			putchar(',');
			print_csv_field(r.rows[i].name);
			printf(",%ld,%ld,%ld,%ld", r.rows[i].opened, r.rows[i].qr,
			       r.rows[i].contact, r.rows[i].printed);
			if (by == STATS_BY_DAY)
				printf(",%ld,%ld,%ld", r.rows[i].sessions, r.rows[i].searches,
				       r.rows[i].empty);
			putchar('\n');
		}
		/* The unmet searches, as a table of their own after an empty line. */
		if (r.n_unmet)
			printf("\nunmet_search\n");
		for (size_t i = 0; i < r.n_unmet; i++) {
			print_csv_field(r.unmet[i]);
			putchar('\n');
		}
	} else {
		printf(_("%s to %s, by %s: opened, QR code shown, contact shown, slips printed\n"),
		       from, to, by_names[by]);
		for (size_t i = 0; i < r.n; i++) {
			printf("  %6ld %6ld %6ld %6ld  %s", r.rows[i].opened, r.rows[i].qr,
			       r.rows[i].contact, r.rows[i].printed,
			       *r.rows[i].name ? r.rows[i].name : r.rows[i].key);
			if (by == STATS_BY_DAY)
				printf(_("  (%ld sessions, %ld searches, %ld without a result)"),
				       r.rows[i].sessions, r.rows[i].searches, r.rows[i].empty);
			putchar('\n');
		}
		if (!r.n)
			printf("  %s\n", _("nothing counted"));
		if (r.n_unmet)
			printf(_("Searched for without a result on %d days or more:\n"),
			       STATS_TERM_MIN_DAYS);
		for (size_t i = 0; i < r.n_unmet; i++)
			printf("  %s\n", r.unmet[i]);
		ok = fflush(stdout) == 0;
	}
	stats_report_free(&r);
	return ok ? EXIT_OK : EXIT_FAILED;
}
