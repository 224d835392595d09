/* SPDX-License-Identifier: EUPL-1.2 */
/* cli_doctor: `aulataulu doctor`, the IT admin's one look at a terminal:
 * the configuration, the data directory (its owner and modes), local.db
 * and its backups, the cache, each source (whether it can be fetched now
 * and its signature checked), free space, the clock, the terminal (its
 * size, TERM and glyphs), the metrics file and the opening hours. Each line says ok, a
 * warning or a problem, and what to do; the exit status is 1 when any
 * problem was found. */
#include "config.h"

#include "cli/cli.h"

#include "local/backup.h"
#include "util/i18n.h"
#include "local/local_guard.h"
#include "model/model.h"
#include "util/path.h"
#include "sync/status_file.h"
#include "store/store.h"
#include "util/opening.h"
#include "sync/sync.h"
#include "util/timefmt.h"

#include <fcntl.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/ioctl.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

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
	/* The kiosk's user must own its data: a directory made by root while
	 * trying things out leaves the kiosk unable to write. */
	if (sb.st_uid != geteuid())
		say(d, PROBLEM,
		    _("data directory %s belongs to user %u, but this runs as user %u: chown -R "
		      "the kiosk's user %s"),
		    dir, (unsigned)sb.st_uid, (unsigned)geteuid(), dir);
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

/* Fetches each source now, as a sync would (its signature checked when
 * it has a public_key), without storing anything. */
static void check_reachable(struct doctor *d, struct cli *c)
{
	for (size_t i = 0; i < c->cfg.n_sources; i++) {
		const struct source_config *src = &c->cfg.sources[i];
		if (!strncmp(src->url, "bundled:", 8) || !strcmp(src->format, "demo"))
			continue;
		struct fetch_result fr;
		struct diag diag = {0};
		struct sync_signature sig;
		if (sync_fetch(&c->cfg, src, NULL, NULL, c->now, &fr, &sig, &diag) != FETCH_OK)
			say(d, PROBLEM, _("source %s cannot be fetched now: %s"), src->name,
			    diag.error ? diag.error : "?");
		else if (src->public_key)
			say(d, OK,
			    _("source %s can be fetched now (%zu bytes) and its signature is "
			      "valid"),
			    src->name, fr.len);
		else
			say(d, strcmp(src->format, "aulataulu") ? OK : WARNING,
			    _("source %s can be fetched now (%zu bytes), but unsigned feeds are "
			      "accepted: "
			      "set public_key if its publisher signs it"),
			    src->name, fr.len);
		fetch_result_free(&fr);
		diag_clear(&diag);
	}
}

/* Whether terminfo describes term (ncurses' own places). */
static bool terminfo_known(const char *term)
{
	const char *env = getenv("TERMINFO");
	const char *dirs[] = {env, "/etc/terminfo", "/lib/terminfo", "/usr/share/terminfo"};
	for (size_t i = 0; term && *term && !strchr(term, '/') && i < 4; i++) {
		char *path = dirs[i] ? path_format("%s/%c/%s", dirs[i], term[0], term) : NULL;
		bool found = path && access(path, R_OK) == 0;
		free(path);
		if (found)
			return true;
	}
	return false;
}

/* The size of the terminal on fd, and whether it is large enough. */
static void check_size(struct doctor *d, int fd, const char *which)
{
	struct winsize ws;
	if (ioctl(fd, TIOCGWINSZ, &ws) != 0 || !ws.ws_col)
		return;
	say(d, ws.ws_col < 80 || ws.ws_row < 24 ? PROBLEM : OK,
	    _("%s: %u x %u characters (the kiosk needs at least 80 x 24)"), which,
	    (unsigned)ws.ws_col, (unsigned)ws.ws_row);
}

/* What the kiosk draws on: this terminal, and the first console. */
static void check_terminal(struct doctor *d, struct cli *c)
{
	const char *term = getenv("TERM");
	if (isatty(STDOUT_FILENO)) {
		check_size(d, STDOUT_FILENO, _("this terminal"));
		say(d, terminfo_known(term) ? OK : PROBLEM, _("TERM=%s: %s"), term ? term : "",
		    terminfo_known(term)
			? _("known to terminfo")
			: _("unknown to terminfo: install ncurses-term or set TERM"));
	}
	int tty1 = open("/dev/tty1", O_RDONLY | O_NOCTTY | O_CLOEXEC);
	if (tty1 >= 0) { /* where aulataulu.service draws */
		check_size(d, tty1, _("the console tty1"));
		close(tty1);
	}
	if (!strcmp(c->cfg.glyphs, "unicode") && term && !strcmp(term, "linux"))
		say(d, WARNING,
		    _("glyphs = unicode on the Linux console: its fonts lack some of them; set "
		      "glyphs = auto"));
}

/* The metrics file's directory, and the opening hours. */
static void check_deployment(struct doctor *d, struct cli *c)
{
	if (c->cfg.metrics_file) {
		char *copy = strdup(c->cfg.metrics_file);
		const char *dir = copy ? dirname(copy) : ".";
		say(d, access(dir, W_OK) == 0 ? OK : PROBLEM,
		    access(dir, W_OK) == 0 ? _("metrics_file %s can be written")
					   : _("metrics_file %s cannot be written: is "
					       "prometheus-node-exporter's directory there, and "
					       "writable by this user?"),
		    c->cfg.metrics_file);
		free(copy);
	}
	struct opening o;
	char why[200];
	if (opening_parse(c->cfg.open, &o, why, sizeof(why)) && !o.always)
		say(d, OK, "%s",
		    opening_is_open(&o, c->now) ? _("open now (opening hours)")
						: _("closed now: the screen is dark until touched "
						    "(opening hours)"));
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
		check_reachable(&d, c);
		bool unsure;
		model_effective_now(s, c->now, &unsure);
		say(&d, unsure ? WARNING : OK, "%s",
		    unsure ? _("the clock is behind the newest feed: it may be wrong")
			   : _("the clock is not behind the feeds"));
		store_close(s);
	}
	check_terminal(&d, c);
	check_deployment(&d, c);
	printf(_("%d problems, %d warnings\n"), d.problems, d.warnings);
	return fflush(stdout) == 0 && d.problems == 0 ? EXIT_OK : EXIT_FAILED;
}
