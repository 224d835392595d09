/* SPDX-License-Identifier: EUPL-1.2 */
/* cli_status: `aulataulu status`, what an IT admin or liaison person checks:
 * per source the last attempt, last success, version and error; and
 * `aulataulu screen`, what the kiosk shows. */
#include "config.h"

#include "cli/cli.h"

#include "util/i18n.h"
#include "local/local.h"
#include "model/model.h"
#include "app/screen_report.h"
#include "store/store.h"
#include "sync/status_file.h"
#include "util/timefmt.h"

#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct source_summary *find_source(const struct source_list *l, const char *name)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].name, name) == 0)
			return &l->v[i];
	return NULL;
}

static void print_time_line(const char *label, int64_t t)
{
	char buf[TIMEFMT_BUFSIZE];
	if (t)
		timefmt_format(t, buf);
	printf("  %-22s %s\n", label, t ? buf : _("never"));
}

/* How long to wait for the running kiosk's report: it answers from its
 * event loop, within a frame unless it is drawing a large screen. */
#define REPORT_WAIT_MS 2000

/* What the kiosk shows, as status --json's "kiosk" and screen --json. */
static json_t *kiosk_json(enum screen_request got, const struct screen_report *r)
{
	if (got != SCREEN_REPORTED)
		return json_pack("{s:b, s:b}", "running", got == SCREEN_NO_ANSWER, "answered",
				 false);
	json_t *doc =
	    json_pack("{s:b, s:b, s:s, s:o, s:b, s:b, s:i, s:i}", "running", true, "answered", true,
		      "screen", r->screen, "since", cli_json_time(r->since), "in_use", r->in_use,
		      "dark", r->dark, "rows", r->rows, "cols", r->cols);
	if (r->text) /* only while nobody uses the terminal */
		json_object_set_new(doc, "text", json_string(r->text));
	return doc;
}

int cmd_screen(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {{"json", no_argument, NULL, 'j'}, {NULL, 0, NULL, 0}};
	bool json = false;
	int opt;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (opt != 'j') {
			cli_error(_("usage: aulataulu screen [--json]"));
			return EXIT_USAGE;
		}
		json = true;
	}
	if (optind < argc) {
		cli_error(_("usage: aulataulu screen [--json]"));
		return EXIT_USAGE;
	}
	struct screen_report r;
	enum screen_request got = screen_report_request(c->data_dir, REPORT_WAIT_MS, &r);
	bool ok = true;
	if (json) {
		ok = cli_print_json(kiosk_json(got, &r));
	} else if (got == SCREEN_NO_KIOSK) {
		cli_error(_("no kiosk is running on %s"), c->data_dir);
		ok = false;
	} else if (got == SCREEN_NO_ANSWER) {
		cli_error(_("the kiosk on %s did not answer within %d seconds (hung, or an older "
			    "version)"),
			  c->data_dir, REPORT_WAIT_MS / 1000);
		ok = false;
	} else {
		char since[TIMEFMT_BUFSIZE];
		timefmt_local(r.since, since);
		printf(_("Screen: %s, shown since %s (%dx%d)%s\n"), r.screen, since, r.cols, r.rows,
		       r.dark ? _(", dark: outside opening hours") : "");
		if (r.in_use)
			printf("%s\n",
			       _("Someone is using the terminal: what it shows is theirs, so "
				 "it is not printed."));
		else
			fputs(r.text ? r.text : "", stdout);
		ok = fflush(stdout) == 0;
	}
	screen_report_free(&r);
	return ok ? EXIT_OK : EXIT_FAILED;
}

int cmd_status(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {{"json", no_argument, NULL, 'j'}, {NULL, 0, NULL, 0}};
	bool json = false;
	int opt;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (opt != 'j') {
			cli_error(_("usage: aulataulu status [--json]"));
			return EXIT_USAGE;
		}
		json = true;
	}
	struct store *s = cli_open_store(c, STORE_READ);
	if (!s)
		return EXIT_FAILED;
	struct source_list l;
	char *err = NULL;
	if (!model_sources(s, c->lang, &l, &err)) {
		cli_error("%s", err ? err : "?");
		free(err);
		store_close(s);
		return EXIT_FAILED;
	}
	bool unsure;
	int64_t now = model_effective_now(s, c->now, &unsure);
	json_t *sources = json_array();
	for (size_t i = 0; i < c->cfg.n_sources; i++) {
		const struct source_config *src = &c->cfg.sources[i];
		const struct source_summary *sum = find_source(&l, src->name);
		struct source_status st;
		status_file_read(c->data_dir, src->name, &st);
		bool expired = sum && sum->expires_at && sum->expires_at < now;
		if (json) {
			json_array_append_new(
			    sources,
			    json_pack("{s:s, s:s, s:o, s:o, s:o, s:s?, s:i, s:o, s:o, s:s?, s:b}",
				      "name", src->name, "url", src->url, "last_attempt",
				      cli_json_time(st.last_attempt), "last_success",
				      cli_json_time(st.last_success), "sequence",
				      sum ? json_integer(sum->sequence) : json_null(), "error",
				      st.error, "failures", (int)st.failures, "last_applied",
				      cli_json_time(sum ? sum->fetched_at : 0), "expires_at",
				      cli_json_time(sum ? sum->expires_at : 0), "publisher",
				      sum ? sum->publisher : NULL, "expired", expired));
		} else {
			printf("%s (%s)\n", src->name, src->url);
			if (sum && sum->publisher)
				printf("  %-22s %s\n", _("publisher"), sum->publisher);
			print_time_line(_("last attempt"), st.last_attempt);
			print_time_line(_("last success"), st.last_success);
			if (sum)
				printf("  %-22s %lld\n", _("version (sequence)"),
				       (long long)sum->sequence);
			if (expired)
				printf("  %s\n", _("The data has expired and may be out of date."));
			if (st.error)
				printf("  %-22s %s\n", _("error"), st.error);
		}
		source_status_free(&st);
	}
	bool ok;
	long activities, announcements;
	model_counts(s, &activities, &announcements);
	char *restored = local_setting(s, "restored_note");
	if (json) {
		struct screen_report r;
		enum screen_request got = screen_report_request(c->data_dir, REPORT_WAIT_MS, &r);
		json_t *kiosk = kiosk_json(got, &r);
		json_object_del(kiosk, "text"); /* aulataulu screen prints it */
		screen_report_free(&r);
		ok = cli_print_json(json_pack("{s:o, s:{s:I, s:I}, s:b, s:s?, s:o}", "sources",
					      sources, "counts", "activities",
					      (json_int_t)activities, "announcements",
					      (json_int_t)announcements, "clock_unsure", unsure,
					      "local_restored", restored, "kiosk", kiosk));
	} else {
		if (restored)
			printf("%s\n", restored);
		json_decref(sources);
		printf(_("In the cache: %ld activities, %ld announcements.\n"), activities,
		       announcements);
		if (unsure)
			printf("%s\n", _("The clock is behind the newest feed: it may be wrong."));
		ok = fflush(stdout) == 0;
	}
	free(restored);
	source_list_free(&l);
	store_close(s);
	return ok ? EXIT_OK : EXIT_FAILED;
}
