/* cli_doctor: `aulataulu doctor`, the IT admin's one look at a terminal:
 * the configuration, the data directory, local.db and its backups, the
 * cache, each source, free space and the clock. Each line says ok, a
 * warning or a problem, and what to do; the exit status is 1 when any
 * problem was found. */
#include "config.h"

#include "cli.h"

#include "backup.h"
#include "i18n.h"
#include "local_guard.h"
#include "model.h"
#include "path.h"
#include "status_file.h"
#include "store.h"
#include "timefmt.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>

/* Free space below this is a warning: a sync needs room for a new cache. */
#define DOCTOR_LOW_SPACE (64L << 20)

enum verdict { OK, WARNING, PROBLEM };

struct doctor {
	int problems, warnings;
};

static void say(struct doctor *d, enum verdict v, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void say(struct doctor *d, enum verdict v, const char *fmt, ...)
{
	static const char *const labels[] = {N_("ok"), N_("warning"), N_("PROBLEM")};
	d->problems += v == PROBLEM;
	d->warnings += v == WARNING;
	printf("%-8s ", _(labels[v]));
	va_list ap;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static void check_data_dir(struct doctor *d, const char *dir)
{
	struct stat sb;
	struct statvfs fs;
	if (stat(dir, &sb) != 0) {
		say(d, PROBLEM, _("data directory %s cannot be read"), dir);
		return;
	}
	say(d, sb.st_mode & 077 ? WARNING : OK, _("data directory %s (mode %03o)"), dir,
	    (unsigned)(sb.st_mode & 0777));
	if (statvfs(dir, &fs) == 0) {
		long long avail = (long long)fs.f_bavail * (long long)fs.f_frsize;
		say(d, avail < DOCTOR_LOW_SPACE ? WARNING : OK, _("free space: %lld MiB"),
		    avail >> 20);
	}
}

static void check_local(struct doctor *d, const char *dir, int64_t now)
{
	char *path = path_join(dir, "local.db"), *why = NULL;
	enum local_health h = path ? local_guard_check(path, NULL, &why) : LOCAL_UNREADABLE;
	if (h == LOCAL_HEALTHY)
		say(d, OK, _("local.db (the liaison person's data) is whole"));
	else if (h == LOCAL_ABSENT)
		say(d, OK, _("local.db does not exist yet (no local announcements or PIN)"));
	else if (h == LOCAL_DAMAGED)
		say(d, PROBLEM,
		    _("local.db is damaged: stop the kiosk and run any command to restore it from "
		      "backups/"));
	else
		say(d, PROBLEM, "%s", why ? why : _("local.db cannot be read"));
	free(why);
	free(path);
	size_t n;
	char **names = backup_list(dir, &n);
	struct tm tm = {0};
	if (n && strptime(names[n - 1] + strlen("local-"), "%Y%m%d-%H%M%S", &tm)) {
		tm.tm_isdst = -1;
		int64_t age = now - (int64_t)mktime(&tm);
		say(d, age > 2 * 86400 ? WARNING : OK, _("%zu daily backups, the newest %s"), n,
		    names[n - 1]);
	} else if (h == LOCAL_HEALTHY) {
		say(d, WARNING, _("no daily backup of local.db yet"));
	}
	backup_list_free(names, n);
}

static void check_sources(struct doctor *d, struct cli *c, struct store *s)
{
	struct source_list l = {0};
	char *err = NULL;
	if (!model_sources(s, c->lang, &l, &err)) {
		say(d, PROBLEM, "%s", err ? err : "?");
		free(err);
		return;
	}
	if (c->cfg.n_sources == 0)
		say(d, PROBLEM, _("no [source] in the configuration"));
	for (size_t i = 0; i < c->cfg.n_sources; i++) {
		const char *name = c->cfg.sources[i].name;
		struct source_status st;
		status_file_read(c->data_dir, name, &st);
		const struct source_summary *sum = NULL;
		for (size_t k = 0; k < l.n; k++)
			if (strcmp(l.v[k].name, name) == 0)
				sum = &l.v[k];
		char when[TIMEFMT_BUFSIZE] = "-";
		if (st.last_success)
			timefmt_format(st.last_success, when);
		if (st.error && strstr(st.error, "reset-source"))
			say(d, PROBLEM,
			    _("source %s: its feed's sequence is refused (%s). If the publisher "
			      "renumbered its feed: aulataulu reset-source %s"),
			    name, st.error, name);
		else if (st.error)
			say(d, st.failures > 3 ? PROBLEM : WARNING,
			    _("source %s: %ld failed syncs in a row, the last: %s"), name,
			    st.failures, st.error);
		else if (!sum)
			say(d, WARNING, _("source %s: not synced yet"), name);
		else
			say(d, OK, _("source %s: version %lld, last success %s"), name,
			    (long long)sum->sequence, when);
		source_status_free(&st);
	}
	source_list_free(&l);
}

int cmd_doctor(struct cli *c, int argc, char **argv)
{
	if (argc != 1) {
		cli_error(_("usage: aulataulu doctor"));
		return EXIT_USAGE;
	}
	struct doctor d = {0};
	if (c->config_path)
		say(&d, OK, _("configuration %s: %zu sources"), c->config_path, c->cfg.n_sources);
	else
		say(&d, WARNING, _("no configuration file: the bundled demo feed is shown"));
	check_data_dir(&d, c->data_dir);
	check_local(&d, c->data_dir, c->now);
	struct store *s = cli_open_store(c, STORE_READ);
	if (!s) {
		say(&d, PROBLEM, _("the data cannot be opened (the reason is above)"));
	} else {
		char *path = path_join(c->data_dir, "cache.db"), *why = NULL;
		enum local_health h = path ? local_guard_check(path, NULL, &why) : LOCAL_UNREADABLE;
		if (h == LOCAL_DAMAGED)
			say(&d, PROBLEM,
			    _("cache.db is damaged: the next sync moves it aside and fetches the "
			      "feeds again (aulataulu sync)"));
		else if (h == LOCAL_UNREADABLE)
			say(&d, WARNING, "%s", why ? why : _("cache.db cannot be read"));
		else
			say(&d, OK, _("cache.db is whole"));
		free(why);
		free(path);
		check_sources(&d, c, s);
		bool unsure;
		model_effective_now(s, c->now, &unsure);
		say(&d, unsure ? WARNING : OK, "%s",
		    unsure ? _("the clock is behind the newest feed: it may be wrong")
			   : _("the clock is not behind the feeds"));
		store_close(s);
	}
	printf(_("%d problems, %d warnings\n"), d.problems, d.warnings);
	return fflush(stdout) == 0 && d.problems == 0 ? EXIT_OK : EXIT_FAILED;
}
