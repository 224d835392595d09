/* SPDX-License-Identifier: EUPL-1.2 */
/* metrics: a Prometheus textfile of the terminal's health. */
#include "config.h"

#include "app/metrics.h"

#include "util/atomic_file.h"
#include "util/i18n.h"
#include "model/model.h"
#include "util/path.h"
#include "app/screen_report.h"
#include "app/stats.h"
#include "sync/status_file.h"
#include "util/text.h"
#include "store/store.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <syslog.h>
#include <unistd.h>

int metrics_kiosk_lock(const char *data_dir)
{
	char *path = path_join(data_dir, "kiosk.lock");
	int fd = path ? open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600) : -1;
	free(path);
	if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) != 0) {
		close(fd);
		fd = -1;
	}
	/* Its pid, for aulataulu screen's request (SIGUSR1). */
	if (fd >= 0 && (ftruncate(fd, 0) != 0 || dprintf(fd, "%ld\n", (long)getpid()) < 0))
		syslog(LOG_WARNING, "kiosk.lock: %s", strerror(errno));
	return fd;
}

/* Whether a kiosk holds kiosk.lock (this process's own kiosk too: a lock
 * taken through another open file conflicts with it); its pid if so. */
int metrics_kiosk_pid(const char *data_dir)
{
	char *path = path_join(data_dir, "kiosk.lock");
	int fd = path ? open(path, O_RDONLY | O_CLOEXEC) : -1;
	free(path);
	if (fd < 0)
		return 0;
	bool held = flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
	char buf[32] = "";
	ssize_t n = held ? pread(fd, buf, sizeof(buf) - 1, 0) : 0;
	close(fd);
	if (!held)
		return 0;
	long pid = n > 0 ? strtol(buf, NULL, 10) : 0;
	return pid > 0 ? (int)pid : -1; /* running, pid unknown (an older kiosk) */
}

static bool kiosk_running(const char *data_dir)
{
	return metrics_kiosk_pid(data_dir) != 0;
}

/* A label value as the exposition format wants it: valid UTF-8 (a name
 * from a damaged stats.db must not make the whole file unreadable to
 * node_exporter), escaped. */
static void put_label(FILE *f, const char *value)
{
	char *clean = text_clean(value, strlen(value), TEXT_LINE);
	const char *v = clean ? clean : "";
	for (; *v; v++) {
		if (*v == '\\' || *v == '"')
			fputc('\\', f);
		if (*v == '\n')
			fputs("\\n", f);
		else
			fputc(*v, f);
	}
	free(clean);
}

static void header(FILE *f, const char *name, const char *help)
{
	fprintf(f, "# HELP %s %s\n# TYPE %s gauge\n", name, help, name);
}

/* One series of every source, by name. */
struct per_source {
	const char *name, *help;
	int64_t values[SETTINGS_MAX_SOURCES];
};

static void put_per_source(FILE *f, const struct settings *cfg, const struct per_source *m)
{
	header(f, m->name, m->help);
	for (size_t i = 0; i < cfg->n_sources; i++) {
		fprintf(f, "%s{source=\"", m->name);
		put_label(f, cfg->sources[i].name);
		fprintf(f, "\"} %lld\n", (long long)m->values[i]);
	}
}

/* The anonymous counts per organisation (stats.h), as counters that a
 * wellbeing area sums over its terminals. */
struct counts {
	FILE *f;
	enum stats_event which;
};

static const char *const count_heads[STATS_EVENTS][2] = {
    [STATS_OPENED] = {"aulataulu_activity_opened_total", "Activities of the organisation opened."},
    [STATS_QR] = {"aulataulu_activity_qr_shown_total", "QR codes of its activities shown."},
    [STATS_CONTACT] = {"aulataulu_activity_contact_shown_total",
		       "Contacts of its activities shown."},
    [STATS_PRINTED] = {"aulataulu_activity_slips_printed_total",
		       "Slips of its activities printed."}};

static void put_count(void *ctx, const char *org, const char *name, const long n[STATS_EVENTS])
{
	struct counts *c = ctx;
	fprintf(c->f, "%s{organization=\"", count_heads[c->which][0]);
	put_label(c->f, org);
	fputs("\",organization_name=\"", c->f);
	put_label(c->f, name);
	fprintf(c->f, "\"} %ld\n", n[c->which]);
}

static void put_counts(FILE *f, const char *data_dir)
{
	for (int i = 0; i < STATS_EVENTS; i++) {
		fprintf(f, "# HELP %s %s\n# TYPE %s counter\n", count_heads[i][0],
			count_heads[i][1], count_heads[i][0]);
		struct counts c = {f, (enum stats_event)i};
		stats_totals(data_dir, put_count, &c);
	}
}

bool metrics_write(const struct settings *cfg, const char *data_dir, struct store *s, int64_t now,
		   char **err)
{
	*err = NULL;
	if (!cfg->metrics_file)
		return true;
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	if (!f) {
		*err = strdup(_("out of memory"));
		return false;
	}
	enum { ATTEMPT, SUCCESS, FAILURES, SIGNATURE, SEQUENCE, EXPIRES, N_SERIES };
	struct per_source m[N_SERIES] = {
	    {.name = "aulataulu_source_last_attempt_timestamp_seconds",
	     .help = "When the source was last fetched (Unix time, 0: never)."},
	    {.name = "aulataulu_source_last_success_timestamp_seconds",
	     .help = "When the source was last fetched without error (Unix time, 0: never)."},
	    {.name = "aulataulu_source_failures", .help = "Failed syncs of the source in a row."},
	    {.name = "aulataulu_source_signature_refused",
	     .help = "1 when the last sync refused the feed for its signature (missing, not "
		     "valid, or another key's)."},
	    {.name = "aulataulu_source_sequence",
	     .help = "The sequence of the source's feed in the cache."},
	    {.name = "aulataulu_source_expires_timestamp_seconds",
	     .help = "When the cached feed expires (Unix time, 0: never)."},
	};
	int64_t newest = 0;
	for (size_t i = 0; i < cfg->n_sources; i++) {
		struct source_status st;
		struct source_state state;
		char *why = NULL;
		status_file_read(data_dir, cfg->sources[i].name, &st);
		bool known =
		    store_source_state(s, cfg->sources[i].name, &state, &why) && state.known;
		m[ATTEMPT].values[i] = st.last_attempt;
		m[SUCCESS].values[i] = st.last_success;
		m[FAILURES].values[i] = st.failures;
		m[SIGNATURE].values[i] = st.signature_refused;
		m[SEQUENCE].values[i] = known ? state.sequence : 0;
		m[EXPIRES].values[i] = known ? state.expires_at : 0;
		if (known && state.fetched_at > newest)
			newest = state.fetched_at;
		source_status_free(&st);
		source_state_free(&state);
		free(why);
	}
	long activities = 0, announcements = 0;
	model_counts(s, &activities, &announcements);
	header(f, "aulataulu_info", "The program's version and this terminal's id.");
	fprintf(f, "aulataulu_info{version=\"%s\",terminal=\"", PACKAGE_VERSION);
	put_label(f, cfg->terminal_id ? cfg->terminal_id : "");
	fputs("\"} 1\n", f);
	header(f, "aulataulu_kiosk_up", "Whether the kiosk is running on this terminal.");
	bool up = kiosk_running(data_dir);
	fprintf(f, "aulataulu_kiosk_up %d\n", up);
	struct screen_report shown;
	if (up && screen_report_read(data_dir, &shown)) {
		header(f, "aulataulu_kiosk_screen_since_timestamp_seconds",
		       "The screen the kiosk shows, and since when (Unix time), as of its last "
		       "report.");
		fprintf(f, "aulataulu_kiosk_screen_since_timestamp_seconds{screen=\"");
		put_label(f, shown.screen);
		fprintf(f, "\"} %lld\n", (long long)shown.since);
		screen_report_free(&shown);
	}
	for (int i = 0; i < N_SERIES; i++)
		put_per_source(f, cfg, &m[i]);
	header(f, "aulataulu_cache_updated_timestamp_seconds",
	       "When a feed was last applied to the cache (Unix time, 0: never).");
	fprintf(f, "aulataulu_cache_updated_timestamp_seconds %lld\n", (long long)newest);
	header(f, "aulataulu_activities", "Activities in the cache that are not hidden.");
	fprintf(f, "aulataulu_activities %ld\n", activities);
	header(f, "aulataulu_announcements", "Announcements in the cache, feed and local.");
	fprintf(f, "aulataulu_announcements %ld\n", announcements);
	put_counts(f, data_dir);
	header(f, "aulataulu_metrics_timestamp_seconds", "When this file was written (Unix time).");
	fprintf(f, "aulataulu_metrics_timestamp_seconds %lld\n", (long long)now);
	bool ok = fclose(f) == 0 && text;
	/* node_exporter runs as another user: the file is world-readable. */
	ok = ok && atomic_file_write_mode(cfg->metrics_file, text, len, 0644, err);
	if (!ok && !*err)
		*err = strdup(_("out of memory"));
	free(text);
	return ok;
}
