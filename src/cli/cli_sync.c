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
 * (schedules expanded as sync expands them), as JSON on standard output,
 * for people and for comparing with other implementations. */
static bool print_dates(const struct settings *cfg, struct feed *f, int64_t now)
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
			    dates, json_pack("{s:o, s:o, s:s}", "start", time_json(o->start), "end",
					     time_json(o->end), "status",
					     o->status ? o->status : "EventScheduled"));
		}
		json_array_append_new(list, json_pack("{s:s, s:s?, s:o}", "id", a->id, "name",
						      a->name.fi, "dates", dates));
	}
	json_t *doc = json_pack("{s:o, s:o, s:o}", "from", time_json(from), "until",
				time_json(until), "activities", list);
	bool ok = doc && json_dumpf(doc, stdout, JSON_INDENT(2)) == 0;
	json_decref(doc);
	return ok && putchar('\n') != EOF;
}

int cmd_check(struct cli *c, int argc, char **argv)
{
	/* --format F, or what the file's name says (".csv", ".ics", ".rss", ".xml"),
	 * or format 1. */
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
	if (argc != 2) {
		cli_error(_("usage: aulataulu check [--format aulataulu|csv|ical|rss|linkedevents] "
			    "[--dates] FILE"));
		return EXIT_USAGE;
	}
	size_t name_len = strlen(argv[1]);
	const char *ext = name_len > 4 ? argv[1] + name_len - 4 : "";
	if (!format)
		format = !strcasecmp(ext, ".csv")				? "csv"
			 : !strcasecmp(ext, ".ics")				? "ical"
			 : !strcasecmp(ext, ".rss") || !strcasecmp(ext, ".xml") ? "rss"
										: "aulataulu";
	if (!sync_format_known(format)) {
		cli_error(_("unknown format \"%s\": aulataulu, csv, ical, rss or linkedevents"),
			  format);
		return EXIT_USAGE;
	}
	char *err = NULL;
	size_t len;
	char *buf = read_file(argv[1], (size_t)c->cfg.max_size, &len, &err);
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
		fprintf(out, "%s: %s\n", argv[1], d.note);
	for (size_t i = 0; i < d.n_kept; i++)
		fprintf(out, "%s: %s\n", argv[1], d.warnings[i]);
	int rc = EXIT_OK;
	if (!f) {
		fprintf(out, _("%s: refused as a whole: %s\n"), argv[1], d.error);
		rc = EXIT_FAILED;
	} else if (d.n_warnings) {
		fprintf(out,
			_("%s: %zu problems; the rest (%zu activities, %zu announcements) would be "
			  "shown\n"),
			argv[1], d.n_warnings, f->n_activities, f->n_announcements);
		rc = EXIT_FAILED;
	} else {
		fprintf(out, _("%s: valid: %zu activities, %zu announcements\n"), argv[1],
			f->n_activities, f->n_announcements);
	}
	if (f && dates && !print_dates(&c->cfg, f, c->now)) {
		cli_error(_("out of memory"));
		rc = EXIT_FAILED;
	}
	feed_free(f);
	diag_clear(&d);
	free(buf);
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
