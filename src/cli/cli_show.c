/* SPDX-License-Identifier: EUPL-1.2 */
/* cli_show: the commands that show what is cached: list, board, status. */
#include "config.h"

#include "cli/cli.h"

#include "util/i18n.h"
#include "model/model.h"
#include "store/store.h"
#include "sync/status_file.h"
#include "util/text.h"
#include "util/timefmt.h"

#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Parses the options a showing command takes; returns false on bad usage. */
static bool parse_show_options(int argc, char **argv, bool allow_list_options, bool *json,
			       enum model_when *when, const char **category, const char **search)
{
	static const struct option opts[] = {{"json", no_argument, NULL, 'j'},
					     {"when", required_argument, NULL, 'w'},
					     {"category", required_argument, NULL, 'c'},
					     {"search", required_argument, NULL, 's'},
					     {NULL, 0, NULL, 0}};
	int opt;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (opt == 'j') {
			*json = true;
		} else if (opt == 'w' && allow_list_options) {
			if (strcmp(optarg, "today") == 0)
				*when = WHEN_TODAY;
			else if (strcmp(optarg, "week") == 0)
				*when = WHEN_WEEK;
			else if (strcmp(optarg, "all") == 0)
				*when = WHEN_ALL;
			else
				return false;
		} else if (opt == 'c' && allow_list_options) {
			*category = optarg;
		} else if (opt == 's' && allow_list_options) {
			*search = optarg;
		} else {
			return false;
		}
	}
	return optind == argc;
}

static void print_day_heading(int64_t t, int64_t now)
{
	char date[TIMEFMT_BUFSIZE];
	timefmt_date(t, date);
	int64_t today = timefmt_day_start(now);
	const char *label = timefmt_day_start(t) == today			 ? _("Today")
			    : timefmt_day_start(t) == timefmt_add_days(today, 1) ? _("Tomorrow")
										 : NULL;
	printf("\n%s%s%s %s\n", label ? label : "", label ? " " : "",
	       i18n_weekday(timefmt_weekday(t)), date);
}

/* The clock times of the previous row: whole days of a listing start at
 * the same few hours, and each conversion goes through the time zone. */
struct clock_memo {
	int64_t start, end;
	char when[2 * TIMEFMT_BUFSIZE + 4];
};

static void print_activity(const struct activity_summary *a, struct clock_memo *m)
{
	if (a->next_start != m->start || a->next_end != m->end) {
		timefmt_span(a->next_start, a->next_end, m->when, sizeof(m->when));
		m->start = a->next_start;
		m->end = a->next_end;
	}
	const char *when = m->when;
	const char *mark = i18n_event_status(a->status);
	int pad = 13 - text_display_width(when); /* "–", "ä": one column, more bytes */
	printf("  %s%*s %s%s%s\n", when, pad > 0 ? pad : 0, "", mark ? mark : "", mark ? ": " : "",
	       a->name);
	const char *where = a->place ? a->place : i18n_attendance(a->attendance_mode);
	printf("  %13s %s%s%s%s%s\n", "", a->organizer ? a->organizer : "", where ? " · " : "",
	       where ? where : "", a->has_offers && a->is_free ? " · " : "",
	       a->has_offers && a->is_free ? _("free of charge") : "");
}

/* Every date of a in the listing's period (from now), for comparing with
 * other implementations without reading cache.db; NULL when they cannot
 * be read. */
static json_t *dates_json(struct store *s, const struct list_query *q,
			  const struct activity_summary *a)
{
	struct activity_dates d;
	char *err = NULL;
	if (!model_activity_dates(s, a->row, q->lang, q->now, model_period_end(q->when, q->now), &d,
				  &err)) {
		cli_error("%s", err ? err : "?");
		free(err);
		return NULL;
	}
	json_t *arr = json_array();
	for (size_t i = 0; arr && i < d.n; i++)
		json_array_append_new(
		    arr, json_pack("{s:o, s:o, s:s, s:s?}", "start", cli_json_time(d.v[i].start),
				   "end", cli_json_time(d.v[i].end), "status",
				   d.v[i].status ? d.v[i].status : "EventScheduled", "note",
				   d.v[i].note));
	activity_dates_free(&d);
	return arr;
}

static json_t *activity_json(struct store *s, const struct list_query *q,
			     const struct activity_summary *a)
{
	json_t *cats = json_array();
	for (size_t i = 0; i < a->n_categories; i++)
		json_array_append_new(cats, json_string(a->categories[i]));
	json_t *dates = dates_json(s, q, a);
	return json_pack("{s:s, s:s, s:s, s:s?, s:o, s:o, s:o, s:s, s:s?, s:s?, s:s?, s:o, s:o}",
			 "id", a->id, "source", a->source, "name", a->name, "organizer",
			 a->organizer, "next_start", cli_json_time(a->next_start), "next_end",
			 cli_json_time(a->next_end), "categories", cats, "status", a->status,
			 "type", a->type, "attendance_mode", a->attendance_mode, "place", a->place,
			 "is_free", a->has_offers ? json_boolean(a->is_free) : json_null(), "dates",
			 dates ? dates : json_null());
}

int cmd_list(struct cli *c, int argc, char **argv)
{
	bool json = false;
	struct list_query q = {.when = WHEN_WEEK, .lang = c->lang};
	if (!parse_show_options(argc, argv, true, &json, &q.when, &q.category, &q.search)) {
		cli_error(_("usage: aulataulu list [--when today|week|all] [--category ID] "
			    "[--search WORDS] [--json]"));
		return EXIT_USAGE;
	}
	struct store *s = cli_open_store(c, STORE_READ);
	if (!s)
		return EXIT_FAILED;
	bool unsure;
	q.now = model_effective_now(s, c->now, &unsure);
	struct activity_list l;
	char *err = NULL;
	double start = timefmt_monotonic_ms();
	bool listed = model_list_activities(s, &q, &l, &err);
	cli_report_time(start);
	if (!listed) {
		cli_error("%s", err ? err : "?");
		free(err);
		store_close(s);
		return EXIT_FAILED;
	}
	bool ok = true;
	if (json) {
		json_t *arr = json_array();
		for (size_t i = 0; i < l.n; i++)
			json_array_append_new(arr, activity_json(s, &q, &l.v[i]));
		ok = cli_print_json(
		    json_pack("{s:o, s:b}", "activities", arr, "clock_unsure", unsure));
	} else {
		if (unsure)
			printf("%s\n",
			       _("The clock is unsure: times are shown as of the newest feed."));
		if (l.n == 0)
			printf("%s\n", _("No activities in this period."));
		int64_t day = 0, next_day = 0; /* the day being printed: [day, next_day) */
		bool ongoing_heading = false;
		struct clock_memo memo = {.start = -1};
		for (size_t i = 0; i < l.n; i++) {
			const struct activity_summary *a = &l.v[i];
			if (a->next_start && (a->next_start < day || a->next_start >= next_day)) {
				day = timefmt_day_start(a->next_start);
				next_day = timefmt_add_days(day, 1);
				print_day_heading(a->next_start, q.now);
			} else if (!a->next_start && !ongoing_heading) {
				printf("\n%s\n", _("Ongoing (contact the organiser)"));
				ongoing_heading = true;
			}
			print_activity(a, &memo);
		}
		ok = fflush(stdout) == 0;
	}
	activity_list_free(&l);
	store_close(s);
	return ok ? EXIT_OK : EXIT_FAILED;
}

static const char *const priorities[] = {N_("info"), N_("normal"), N_("important"), N_("URGENT")};

int cmd_board(struct cli *c, int argc, char **argv)
{
	bool json = false;
	if (!parse_show_options(argc, argv, false, &json, NULL, NULL, NULL)) {
		cli_error(_("usage: aulataulu board [--json]"));
		return EXIT_USAGE;
	}
	struct store *s = cli_open_store(c, STORE_READ);
	if (!s)
		return EXIT_FAILED;
	bool unsure;
	int64_t now = model_effective_now(s, c->now, &unsure);
	struct announcement_list l;
	char *err = NULL;
	if (!model_board(s, now, c->cfg.municipality, c->lang, &l, &err)) {
		cli_error("%s", err ? err : "?");
		free(err);
		store_close(s);
		return EXIT_FAILED;
	}
	bool ok;
	if (json) {
		json_t *arr = json_array();
		for (size_t i = 0; i < l.n; i++) {
			const struct announcement *a = &l.v[i];
			json_array_append_new(
			    arr,
			    json_pack("{s:s, s:s, s:s?, s:i, s:s, s:o, s:o, s:s?}", "id", a->id,
				      "title", a->title, "body", a->body, "priority", a->priority,
				      "source", a->local ? "local" : "feed", "valid_from",
				      cli_json_time(a->valid_from), "valid_until",
				      cli_json_time(a->valid_until), "url", a->url));
		}
		ok = cli_print_json(json_pack("{s:o}", "announcements", arr));
	} else {
		if (l.n == 0)
			printf("%s\n", _("No announcements right now."));
		for (size_t i = 0; i < l.n; i++) {
			const struct announcement *a = &l.v[i];
			char until[TIMEFMT_BUFSIZE] = "";
			if (a->valid_until)
				timefmt_date(a->valid_until, until);
			printf("%s[%s] %s\n", i ? "\n" : "", _(priorities[a->priority & 3]),
			       a->title);
			if (a->body)
				printf("%s\n", a->body);
			if (*until)
				printf("(%s %s)\n", _("valid until"), until);
		}
		ok = fflush(stdout) == 0;
	}
	announcement_list_free(&l);
	store_close(s);
	return ok ? EXIT_OK : EXIT_FAILED;
}
