/* SPDX-License-Identifier: EUPL-1.2 */
/* cli_sync: the commands that bring feeds in: sync, check, demo-feed,
 * reset-source; and metrics, which a sync writes too. */
#include "config.h"

#include "cli/cli.h"

#include "feed/demo.h"
#include "util/i18n.h"
#include "app/metrics.h"
#include "store/store.h"
#include "sync/sync.h"
#include "sync/sync_run.h"
#include "feed/recur.h"
#include "util/timefmt.h"

#include <jansson.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The metrics file (metrics_file) as the terminal is now. */
static bool write_metrics(struct cli *c)
{
	struct store *s = cli_open_store(c, STORE_READ);
	char *err = NULL;
	bool ok = s && metrics_write(&c->cfg, c->data_dir, s, c->now, &err);
	if (s && !ok)
		cli_error("%s", err ? err : _("out of memory"));
	free(err);
	store_close(s);
	return ok;
}

int cmd_sync(struct cli *c, int argc, char **argv)
{
	bool due = argc == 2 && strcmp(argv[1], "--due") == 0;
	if (argc > 2 || (argc == 2 && !due)) {
		cli_error(_("usage: aulataulu sync [--due]"));
		return EXIT_USAGE;
	}
	bool ok = sync_run(&c->cfg, c->data_dir, c->now, due ? SYNC_DUE : SYNC_ALL, stdout, stderr);
	if (c->cfg.metrics_file) /* after every sync, the kiosk's too */
		write_metrics(c);
	return ok && fflush(stdout) == 0 ? EXIT_OK : EXIT_FAILED;
}

int cmd_metrics(struct cli *c, int argc, char **argv)
{
	(void)argv;
	if (argc != 1) {
		cli_error(_("usage: aulataulu metrics"));
		return EXIT_USAGE;
	}
	if (!c->cfg.metrics_file) { /* the kiosk's unit runs it whatever the configuration */
		printf(_("No metrics_file in [kiosk]: no metrics are written.\n"));
		return fflush(stdout) == 0 ? EXIT_OK : EXIT_FAILED;
	}
	return write_metrics(c) ? EXIT_OK : EXIT_FAILED;
}

int cmd_reset_source(struct cli *c, int argc, char **argv)
{
	if (argc != 2) {
		cli_error(_("usage: aulataulu reset-source NAME"));
		return EXIT_USAGE;
	}
	char *err = NULL;
	if (!sync_reset_source(&c->cfg, c->data_dir, argv[1], &err)) {
		cli_error("%s", err ? err : _("out of memory"));
		free(err);
		return EXIT_FAILED;
	}
	printf(_("%s: its last version is forgotten; the next sync takes the feed whatever its "
		 "sequence.\n"),
	       argv[1]);
	return fflush(stdout) == 0 ? EXIT_OK : EXIT_FAILED;
}

static char *read_file(const char *path, size_t cap, size_t *len, char **err)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!f) {
		if (asprintf(err, "%s: %s", path, strerror(errno)) < 0)
			*err = NULL;
		return NULL;
	}
	size_t size = 0, alloc = 65536;
	char *buf = malloc(alloc);
	while (buf) {
		size_t n = fread(buf + size, 1, alloc - size - 1, f);
		size += n;
		if (n == 0)
			break;
		if (size > cap)
			break;
		if (alloc - size - 1 == 0) {
			char *grown = realloc(buf, alloc * 2);
			if (!grown) {
				free(buf);
				buf = NULL;
			}
			buf = grown;
			alloc *= 2;
		}
	}
	bool failed = ferror(f) || !buf;
	if (f != stdin)
		fclose(f);
	if (failed || size > cap) {
		if (asprintf(err,
			     size > cap ? _("%s: larger than the cap of %zu bytes")
					: _("%s: cannot be read"),
			     path, cap) < 0)
			*err = NULL;
		free(buf);
		return NULL;
	}
	buf[size] = '\0';
	*len = size;
	return buf;
}

/* A time for --dates: RFC 3339 with the offset, or null. */
static json_t *time_json(int64_t t)
{
	char buf[TIMEFMT_BUFSIZE];
	if (!t)
		return json_null();
	timefmt_format(t, buf);
	return json_string(buf);
}

/* check --dates: each activity's dates in the window a sync would write
 * (schedules expanded as sync expands them) and each announcement with its
 * title, text, link and validity, as JSON on standard output, for people
 * and for comparing with other implementations. */
static bool print_dates(const struct settings *cfg, struct feed *f, int64_t now, const char *file)
{
	int64_t from, until;
	sync_window(cfg, now, &from, &until);
	struct recur_budget spent = {0};
	if (!recur_expand_feed(f, from, until, &spent))
		return false;
	json_t *list = json_array();
	for (size_t i = 0; list && i < f->n_activities; i++) {
		const struct feed_activity *a = &f->activities[i];
		json_t *dates = json_array();
		for (size_t k = 0; dates && k < a->n_occurrences; k++) {
			const struct feed_occurrence *o = &a->occurrences[k];
			/* The dates that overlap the window (one without an end, a moment). */
			int64_t end = o->end ? o->end : o->start + 1;
			if (end <= from || o->start >= until)
				continue;
			json_array_append_new(
			    dates, json_pack("{s:o, s:o, s:s, s:s?}", "start", time_json(o->start),
					     "end", time_json(o->end), "status",
					     o->status ? o->status : "EventScheduled", "note",
					     o->note.fi));
		}
		/* Its own status: a postponed event may have no date at all. */
		json_array_append_new(
		    list, json_pack("{s:s, s:s?, s:s, s:o}", "id", a->id, "name", a->name.fi,
				    "status", a->event_status ? a->event_status : "EventScheduled",
				    "dates", dates));
	}
	/* And the announcements, each as it would be shown. */
	json_t *news = json_array();
	for (size_t i = 0; news && i < f->n_announcements; i++) {
		const struct feed_announcement *n = &f->announcements[i];
		json_array_append_new(
		    news, json_pack("{s:s, s:s?, s:s?, s:s?, s:o, s:o, s:b}", "id", n->id, "title",
				    ml_get(&n->title, "fi"), "body", ml_get(&n->body, "fi"), "url",
				    n->url, "valid_from", time_json(n->valid_from), "valid_until",
				    time_json(n->valid_until), "dated_by_first_sight",
				    n->dated_by_first_sight));
	}
	json_t *doc = json_pack("{s:o, s:o, s:o, s:o}", "from", time_json(from), "until",
				time_json(until), "activities", list, "announcements", news);
	if (doc && file)
		json_object_set_new(doc, "file", json_string(file));
	bool ok = doc && json_dumpf(doc, stdout, file ? JSON_COMPACT : JSON_INDENT(2)) == 0;
	json_decref(doc);
	return ok && putchar('\n') != EOF;
}

/* Checks one file; with dates, prints its JSON document (indented when it
 * is the only one, else on one line with its "file"). */
static int check_file(struct cli *c, const char *path, const char *format, bool dates,
		      bool one_of_many)
{
	size_t name_len = strlen(path);
	const char *ext = name_len > 4 ? path + name_len - 4 : "";
	if (!format)
		format = !strcasecmp(ext, ".csv")				? "csv"
			 : !strcasecmp(ext, ".ics")				? "ical"
			 : !strcasecmp(ext, ".rss") || !strcasecmp(ext, ".xml") ? "rss"
										: "aulataulu";
	char *err = NULL;
	size_t len;
	char *buf = read_file(path, (size_t)c->cfg.max_size, &len, &err);
	if (!buf) {
		cli_error("%s", err ? err : _("out of memory"));
		free(err);
		return EXIT_FAILED;
	}
	struct diag d = {0};
	struct feed *f = sync_parse(format, buf, len, c->now, NULL, &d);
	/* With --dates, standard output is the JSON alone. */
	FILE *out = dates ? stderr : stdout;
	if (d.note)
		fprintf(out, "%s: %s\n", path, d.note);
	for (size_t i = 0; i < d.n_kept; i++)
		fprintf(out, "%s: %s\n", path, d.warnings[i]);
	int rc = EXIT_OK;
	if (!f) {
		fprintf(out, _("%s: refused as a whole: %s\n"), path, d.error);
		rc = EXIT_FAILED;
	} else if (d.n_warnings) {
		fprintf(out,
			_("%s: %zu problems; the rest (%zu activities, %zu announcements) would be "
			  "shown\n"),
			path, d.n_warnings, f->n_activities, f->n_announcements);
		rc = EXIT_FAILED;
	} else {
		fprintf(out, _("%s: valid: %zu activities, %zu announcements\n"), path,
			f->n_activities, f->n_announcements);
	}
	if (f && dates && !print_dates(&c->cfg, f, c->now, one_of_many ? path : NULL)) {
		cli_error(_("out of memory"));
		rc = EXIT_FAILED;
	}
	feed_free(f);
	diag_clear(&d);
	free(buf);
	return rc;
}

int cmd_check(struct cli *c, int argc, char **argv)
{
	/* --format F, or what each file's name says (".csv", ".ics", ".rss",
	 * ".xml"), or format 1. */
	const char *format = NULL;
	bool dates = false;
	while (argc > 2 && !strncmp(argv[1], "--", 2)) {
		if (argc > 3 && !strcmp(argv[1], "--format")) {
			format = argv[2];
			argv += 2, argc -= 2;
		} else if (!strcmp(argv[1], "--dates")) {
			dates = true;
			argv++, argc--;
		} else {
			break;
		}
	}
	if (argc < 2 || !strncmp(argv[1], "--", 2)) {
		cli_error(_("usage: aulataulu check [--format aulataulu|csv|ical|rss|linkedevents] "
			    "[--dates] FILE..."));
		return EXIT_USAGE;
	}
	if (format && !sync_format_known(format)) {
		cli_error(_("unknown format \"%s\": aulataulu, csv, ical, rss or linkedevents"),
			  format);
		return EXIT_USAGE;
	}
	/* Every file is checked; the exit status is the worst. */
	int rc = EXIT_OK;
	for (int i = 1; i < argc; i++) {
		int one = check_file(c, argv[i], format, dates, argc > 2);
		if (one != EXIT_OK)
			rc = one;
	}
	return rc;
}

int cmd_demo_feed(struct cli *c, int argc, char **argv)
{
	if (argc > 1) {
		cli_error(_("usage: aulataulu demo-feed"));
		return EXIT_USAGE;
	}
	size_t len;
	char *feed = demo_feed_generate(c->now, &len);
	bool ok = feed && fwrite(feed, 1, len, stdout) == len && fflush(stdout) == 0;
	free(feed);
	return ok ? EXIT_OK : EXIT_FAILED;
}
