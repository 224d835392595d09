/* SPDX-License-Identifier: EUPL-1.2 */
/* settings: the INI configuration, read with inih; keys are a table. */
#include "config.h"

#include "util/settings.h"

#include "util/text.h"

#include "util/i18n.h"
#include "util/minisign.h"
#include "util/opening.h"
#include "util/path.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <ini.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

enum key_type {
	KEY_STRING,
	KEY_SECONDS,
	KEY_BYTES,
	KEY_COUNT,
	KEY_BOOL,
	KEY_CHOICE,	/* one of the key's choices */
	KEY_TIMEZONE,	/* an IANA name the system has */
	KEY_PUBLIC_KEY, /* a minisign public key */
	KEY_OPEN,	/* opening hours */
};
enum key_scope { SCOPE_KIOSK, SCOPE_SYNC, SCOPE_SOURCE, SCOPE_PUBLISH, SCOPE_INPUT };

struct key {
	enum key_scope scope;
	const char *name;
	enum key_type type;
	size_t offset; /* in struct settings, or struct source_config for sources */
	long min, max;
	const char *dflt;
	const char *help;
};

/* The values a KEY_CHOICE key takes, by its name. */
static const struct {
	const char *key, *choices;
} choices[] = {{"language", "fi|sv|en"},
	       {"theme", "normal|high-contrast"},
	       {"glyphs", "auto|unicode|console"},
	       {"printer_type", "auto|receipt|page"}};

#define K(field) offsetof(struct settings, field)
#define S(field) offsetof(struct source_config, field)

static const struct key keys[] = {
    {SCOPE_KIOSK, "site", KEY_STRING, K(site), 0, 0, "Aulataulu",
     N_("name of the health centre, shown on the attract screen")},
    {SCOPE_KIOSK, "municipality", KEY_STRING, K(municipality), 0, 0, NULL,
     N_("Statistics Finland code of this terminal's municipality (e.g. 564)")},
    {SCOPE_KIOSK, "language", KEY_CHOICE, K(language), 0, 0, "fi", N_("fi, sv or en")},
    {SCOPE_KIOSK, "theme", KEY_CHOICE, K(theme), 0, 0, "normal",
     N_("normal, or high-contrast for poor eyesight")},
    {SCOPE_KIOSK, "glyphs", KEY_CHOICE, K(glyphs), 0, 0, "auto",
     N_("auto (console on TERM=linux), unicode, or console: only what the Linux console's fonts "
	"have")},
    {SCOPE_KIOSK, "timezone", KEY_TIMEZONE, K(timezone), 0, 0, "Europe/Helsinki",
     N_("time zone of the clock and of 'today'")},
    {SCOPE_KIOSK, "data_dir", KEY_STRING, K(data_dir), 0, 0, NULL,
     N_("where cache.db and local.db live (default ~/.local/share/aulataulu)")},
    {SCOPE_KIOSK, "terminal_id", KEY_STRING, K(terminal_id), 0, 0, NULL,
     N_("this terminal's name, sent with every fetch (User-Agent) and in the metrics "
	"(default: the host name)")},
    {SCOPE_KIOSK, "metrics_file", KEY_STRING, K(metrics_file), 0, 0, NULL,
     N_("Prometheus textfile for node_exporter, e.g. "
	"/var/lib/prometheus/node-exporter/aulataulu.prom")},
    {SCOPE_KIOSK, "open", KEY_OPEN, K(open), 0, 0, NULL,
     N_("opening hours, e.g. ma-pe 7-20, la 9-15: outside them the screen is dark until "
	"touched (default: always open)")},
    {SCOPE_KIOSK, "statistics", KEY_BOOL, K(statistics), 0, 0, "on",
     N_("count anonymously, per day, how often each activity is looked at (off: nothing is "
	"counted)")},
    {SCOPE_KIOSK, "stats_interval", KEY_SECONDS, K(stats_interval), 5, 3600, "60",
     N_("how often the counts are written to stats.db: a power cut loses at most this long "
	"of them, and fewer writes spare the terminal's flash storage")},
    {SCOPE_KIOSK, "idle_timeout", KEY_SECONDS, K(idle_timeout), 5, 3600, "90",
     N_("back to the attract screen after this long without input")},
    {SCOPE_KIOSK, "speech", KEY_BOOL, K(speech), 0, 0, "on",
     N_("a Listen button on every screen reads it aloud with espeak-ng, in the visitor's "
	"language (off: no button)")},
    {SCOPE_KIOSK, "speech_rate", KEY_COUNT, K(speech_rate), 80, 450, "140",
     N_("words a minute the kiosk speaks (espeak-ng's own 175 is fast for older listeners)")},
    {SCOPE_KIOSK, "speech_volume", KEY_COUNT, K(speech_volume), 0, 200, "100",
     N_("loudness of speech, 100 normal")},
    {SCOPE_KIOSK, "printer", KEY_STRING, K(printer), 0, 0, NULL,
     N_("the CUPS queue of a printer: an activity's and an announcement's Print button prints a "
	"slip to take home (default: none, no button)")},
    {SCOPE_KIOSK, "printer_type", KEY_CHOICE, K(printer_type), 0, 0, "auto",
     N_("receipt (ESC/POS on a raw queue), page (a PDF page for any other printer: A4), or auto: "
	"receipt on a raw queue, else page")},
    {SCOPE_KIOSK, "printer_width", KEY_COUNT, K(printer_width), 58, 80, "80",
     N_("the receipt paper's width in millimetres, 58 or 80")},
    {SCOPE_KIOSK, "printer_wait", KEY_SECONDS, K(printer_wait), 3, 120, "15",
     N_("how long a slip may take to print; then the job is cancelled and the visitor told the "
	"printer is not available")},
    {SCOPE_KIOSK, "prints_per_hour", KEY_COUNT, K(prints_per_hour), 1, 1000, "20",
     N_("most slips an hour (paper costs money); one slip of an activity a visit")},
    {SCOPE_KIOSK, "speech_device", KEY_STRING, K(speech_device), 0, 0, NULL,
     N_("audio device for speech (default: the system's, through PipeWire, PulseAudio or "
	"ALSA)")},
    {SCOPE_SYNC, "timeout", KEY_SECONDS, K(timeout), 1, 3600, "60",
     N_("most time one download may take")},
    {SCOPE_SYNC, "connect_timeout", KEY_SECONDS, K(connect_timeout), 1, 600, "15",
     N_("most time to connect to a server")},
    {SCOPE_SYNC, "max_size", KEY_BYTES, K(max_size), 1024, 1L << 30, "16M",
     N_("largest feed accepted")},
    {SCOPE_SYNC, "ca_file", KEY_STRING, K(ca_file), 0, 0, NULL,
     N_("PEM file of the certificate authorities to trust for https (default: the system's)")},
    {SCOPE_SYNC, "window_days", KEY_COUNT, K(window_days), 1, 366, "60",
     N_("days ahead that recurring schedules are expanded")},
    {SCOPE_SOURCE, "url", KEY_STRING, S(url), 0, 0, NULL, N_("address of the feed (required)")},
    {SCOPE_SOURCE, "format", KEY_STRING, S(format), 0, 0, "aulataulu",
     N_("aulataulu (format 1), csv (a spreadsheet: data/activities-template.csv), ical (a "
	"calendar), rss (news, RSS or Atom), linkedevents (a Linked Events API query), or demo "
	"for the bundled demo feed")},
    {SCOPE_SOURCE, "feed_id", KEY_STRING, S(feed_id), 0, 0, NULL,
     N_("refuse a feed whose feed.id is another")},
    {SCOPE_SOURCE, "public_key", KEY_PUBLIC_KEY, S(public_key), 0, 0, NULL,
     N_("minisign public key; when set, unsigned feeds are refused")},
    {SCOPE_SOURCE, "interval", KEY_SECONDS, S(interval), 60, 86400, "15m",
     N_("time between syncs")},
    {SCOPE_SOURCE, "allow_file", KEY_BOOL, S(allow_file), 0, 0, "no", N_("accept a file:// url")},
    {SCOPE_SOURCE, "allow_empty", KEY_BOOL, S(allow_empty), 0, 0, "no",
     N_("apply a feed that loses most of the source's activities even when items of it "
	"were skipped (no: such a feed looks broken and the cache is kept)")},
    {SCOPE_SOURCE, "organizer", KEY_STRING, S(organizer), 0, 0, NULL,
     N_("ical, linkedevents: the organiser of every event (default: the calendar's name, "
	"the event's provider)")},
    {SCOPE_SOURCE, "language", KEY_CHOICE, S(language), 0, 0, NULL,
     N_("ical: the language of the calendar's texts (fi, sv or en; default fi)")},
    {SCOPE_SOURCE, "topics", KEY_STRING, S(topics), 0, 0, NULL,
     N_("ical, linkedevents: topics and life situations of every event, by name, e.g. "
	"Hengellisyys")},
    {SCOPE_SOURCE, "categories", KEY_STRING, S(categories), 0, 0, NULL,
     N_("ical, linkedevents: CATEGORIES or keyword ids as topics, e.g. Musiikki: kulttuuri, "
	"yso:p916: liikunta")},
    {SCOPE_SOURCE, "valid_days", KEY_COUNT, S(valid_days), 1, 366, "14",
     N_("rss: days a news item is shown after it was published")},
    {SCOPE_PUBLISH, "feed_id", KEY_STRING, K(publish.feed_id), 0, 0, NULL,
     N_("the published feed's id, which terminals may pin with feed_id (required)")},
    {SCOPE_PUBLISH, "publisher", KEY_STRING, K(publish.publisher), 0, 0, NULL,
     N_("the publisher's name in Finnish, shown on the about screen (required)")},
    {SCOPE_PUBLISH, "publisher_sv", KEY_STRING, K(publish.publisher_sv), 0, 0, NULL,
     N_("the publisher's name in Swedish")},
    {SCOPE_PUBLISH, "publisher_en", KEY_STRING, K(publish.publisher_en), 0, 0, NULL,
     N_("the publisher's name in English")},
    {SCOPE_PUBLISH, "publisher_url", KEY_STRING, K(publish.publisher_url), 0, 0, NULL,
     N_("the publisher's web address")},
    {SCOPE_PUBLISH, "timezone", KEY_TIMEZONE, K(publish.timezone), 0, 0, "Europe/Helsinki",
     N_("the area's time zone, of every schedule in the feed")},
    {SCOPE_PUBLISH, "data_dir", KEY_STRING, K(data_dir), 0, 0, NULL,
     N_("where publish.db lives: the publisher's unit uses /var/lib/aulataulu-publish, and "
	"so does root's aulataulu publish when this names it (default "
	"~/.local/share/aulataulu)")},
    {SCOPE_PUBLISH, "output", KEY_STRING, K(publish.output), 0, 0, NULL,
     N_("directory that a web server serves to the terminals: feed.json and "
	"feed.json.minisig go there (required)")},
    {SCOPE_PUBLISH, "secret_key", KEY_STRING, K(publish.secret_key), 0, 0, NULL,
     N_("secret key file made by minisign -G (required)")},
    {SCOPE_PUBLISH, "password_file", KEY_STRING, K(publish.password_file), 0, 0, NULL,
     N_("file holding the secret key's password (or the environment variable "
	"AULATAULU_KEY_PASSWORD; none for a key made with minisign -G -W)")},
    {SCOPE_PUBLISH, "public_key", KEY_PUBLIC_KEY, K(publish.public_key), 0, 0, NULL,
     N_("the public key the terminals have: publish refuses a secret key of another pair")},
    {SCOPE_PUBLISH, "expires_after", KEY_SECONDS, K(publish.expires_after), 3600, 366 * 86400, "2d",
     N_("terminals say the data may be out of date when no publication came for this long")},
    {SCOPE_PUBLISH, "max_stale", KEY_SECONDS, K(publish.max_stale), 0, 366 * 86400, "7d",
     N_("how long the last good items of an input that fails are kept")},
    {SCOPE_INPUT, "review", KEY_BOOL, S(review), 0, 0, "no",
     N_("yes: new and changed items wait for aulataulu publish approve (an open "
	"spreadsheet)")},
};

#define N_KEYS (sizeof(keys) / sizeof(*keys))

/* "90", "15m", "2h", "1d" to seconds; "16M", "512k" to bytes; plain counts. */
static bool parse_number(const char *s, enum key_type type, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (end == s || errno || v < 0)
		return false;
	while (isspace((unsigned char)*end))
		end++;
	long unit = 1;
	if (type == KEY_SECONDS && *end) {
		unit = *end == 's'   ? 1
		       : *end == 'm' ? 60
		       : *end == 'h' ? 3600
		       : *end == 'd' ? 86400
				     : 0;
		end++;
	} else if (type == KEY_BYTES && *end) {
		unit = *end == 'k' || *end == 'K' ? 1024L
		       : *end == 'M'		  ? 1024L * 1024
		       : *end == 'G'		  ? 1024L * 1024 * 1024
						  : 0;
		end++;
	}
	if (unit == 0 || *end != '\0' || v > LONG_MAX / unit)
		return false;
	*out = v * unit;
	return true;
}

static bool parse_bool(const char *s, bool *out)
{
	static const char *const yes[] = {"yes", "true", "on", "1"}, *const no[] = {"no", "false",
										    "off", "0"};
	for (int i = 0; i < 4; i++) {
		if (strcasecmp(s, yes[i]) == 0)
			return (*out = true);
		if (strcasecmp(s, no[i]) == 0)
			return !(*out = false);
	}
	return false;
}

/* Whether the system knows time zone name (its TZif file exists): an
 * unknown TZ silently becomes UTC. */
static bool timezone_known(const char *name)
{
	if (!*name || name[0] == '/' || strstr(name, ".."))
		return false;
	const char *tzdir = getenv("TZDIR");
	char *path = path_format("%s/%s", tzdir && *tzdir ? tzdir : "/usr/share/zoneinfo", name);
	FILE *f = path ? fopen(path, "rb") : NULL;
	char magic[4] = "";
	bool known = f && fread(magic, 1, 4, f) == 4 && memcmp(magic, "TZif", 4) == 0;
	if (f)
		fclose(f);
	free(path);
	return known;
}

/* Is value one of key's choices? */
static bool is_choice(const char *key, const char *value)
{
	const char *p = "";
	for (size_t i = 0; i < sizeof(choices) / sizeof(*choices); i++)
		if (!strcmp(choices[i].key, key))
			p = choices[i].choices;
	size_t len = strlen(value);
	while (*p) {
		size_t n = strcspn(p, "|");
		if (n == len && strncmp(p, value, n) == 0)
			return true;
		p += n + (p[n] == '|');
	}
	return false;
}

/* Stores value into the field of key k in base; false when it is not valid. */
static bool set_key(const struct key *k, void *base, const char *value)
{
	char *field = (char *)base + k->offset;
	long n;
	switch (k->type) {
	case KEY_CHOICE:
		if (k->type == KEY_CHOICE && !is_choice(k->name, value))
			return false;
		/* fall through */
	case KEY_TIMEZONE:
		if (k->type == KEY_TIMEZONE && !timezone_known(value))
			return false;
		/* fall through */
	case KEY_PUBLIC_KEY:
		if (k->type == KEY_PUBLIC_KEY && !minisign_key_valid(value))
			return false;
		/* fall through */
	case KEY_OPEN: {
		struct opening o;
		char why[200];
		if (k->type == KEY_OPEN && !opening_parse(value, &o, why, sizeof(why)))
			return false;
	}
		/* fall through */
	case KEY_STRING: {
		char *copy = strdup(value);
		if (!copy)
			return false;
		free(*(char **)field);
		*(char **)field = copy;
		return true;
	}
	case KEY_BOOL:
		return parse_bool(value, (bool *)field);
	case KEY_SECONDS:
	case KEY_BYTES:
	case KEY_COUNT:
		if (!parse_number(value, k->type, &n) || n < k->min || n > k->max)
			return false;
		*(long *)field = n;
		return true;
	}
	return false;
}

static void apply_defaults(enum key_scope scope, void *base)
{
	for (size_t i = 0; i < N_KEYS; i++)
		if (keys[i].scope == scope && keys[i].dflt)
			set_key(&keys[i], base, keys[i].dflt);
}

/* The entry of list (n of max) named name, added when new. */
static struct source_config *add_source_to(struct source_config *list, size_t *n, size_t max,
					   const char *name)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp(list[i].name, name) == 0)
			return &list[i];
	if (*n == max)
		return NULL;
	struct source_config *s = &list[*n];
	*s = (struct source_config){.name = strdup(name)};
	if (!s->name)
		return NULL;
	(*n)++;
	apply_defaults(SCOPE_SOURCE, s);
	apply_defaults(SCOPE_INPUT, s);
	return s;
}

static struct source_config *add_source(struct settings *c, const char *name)
{
	return add_source_to(c->sources, &c->n_sources, SETTINGS_MAX_SOURCES, name);
}

void settings_defaults(struct settings *c)
{
	*c = (struct settings){0};
	apply_defaults(SCOPE_KIOSK, c);
	apply_defaults(SCOPE_SYNC, c);
	char host[256];
	if (gethostname(host, sizeof(host)) == 0) {
		host[sizeof(host) - 1] = '\0';
		c->terminal_id = strdup(host);
	}
	/* The demo shows a lobby in Tuira, Oulu (municipality 564). */
	free(c->site);
	c->site = strdup("Tuiran hyvinvointikeskus (esittely)");
	c->municipality = strdup("564");
	/* The central feed, beside a parish's calendar and the coordinator's
	 * spreadsheet (demo.c): every kind of source a lobby has. */
	static const char *const demos[][3] = {{"demo", "bundled:demo", "demo"},
					       {"seurakunta", "bundled:calendar", "ical"},
					       {"lista", "bundled:sheet", "csv"}};
	for (size_t i = 0; i < sizeof(demos) / sizeof(*demos); i++) {
		struct source_config *demo = add_source(c, demos[i][0]);
		if (!demo)
			continue;
		demo->url = strdup(demos[i][1]);
		free(demo->format);
		demo->format = strdup(demos[i][2]);
	}
	struct source_config *parish = c->n_sources > 1 ? &c->sources[1] : NULL;
	if (parish)
		parish->categories = strdup("Musiikki: kulttuuri");
}

struct load {
	struct settings *c;
	bool replaced_sources;
	char *err; /* the first error; later ones are not kept */
	int err_line, line;
	FILE *f;
	int max_line; /* inih's buffer, from its first read */
};

/* Keeps the first error with the line it was found on. */
static int key_error(struct load *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int key_error(struct load *l, const char *fmt, ...)
{
	if (l->err)
		return 0;
	va_list ap;
	va_start(ap, fmt);
	if (vasprintf(&l->err, fmt, ap) < 0)
		l->err = NULL;
	va_end(ap);
	l->err_line = l->line;
	return 0;
}

/* inih's reader: counts lines, and stops at one longer than inih's buffer
 * (inih would read its rest as lines of their own). */
static char *read_line(char *buf, int size, void *user)
{
	struct load *l = user;
	if (!fgets(buf, size, l->f))
		return NULL;
	l->line++;
	size_t len = strlen(buf);
	if (len + 1 == (size_t)size && buf[len - 1] != '\n' && !feof(l->f)) {
		key_error(l, _("the line is longer than %d characters"), size - 2);
		return NULL;
	}
	return buf;
}

static int on_key(void *user, const char *section, const char *name, const char *value)
{
	struct load *l = user;
	enum key_scope scope;
	void *base = l->c;
	if (strcmp(section, "kiosk") == 0) {
		scope = SCOPE_KIOSK;
	} else if (strcmp(section, "sync") == 0) {
		scope = SCOPE_SYNC;
	} else if (strncmp(section, "source ", 7) == 0 && section[7]) {
		scope = SCOPE_SOURCE;
		if (!l->replaced_sources) { /* a configured source replaces the demo */
			settings_free_sources(l->c);
			l->replaced_sources = true;
		}
		base = add_source(l->c, section + 7);
		if (!base)
			return key_error(l, _("[%s]: at most %d sources"), section,
					 SETTINGS_MAX_SOURCES);
	} else if (strcmp(section, "publish") == 0) {
		scope = SCOPE_PUBLISH;
		if (!l->c->publish.present)
			apply_defaults(SCOPE_PUBLISH, l->c);
		l->c->publish.present = true;
	} else if (strncmp(section, "input ", 6) == 0 && section[6]) {
		scope = SCOPE_INPUT;
		base =
		    add_source_to(l->c->inputs, &l->c->n_inputs, SETTINGS_MAX_INPUTS, section + 6);
		if (!base)
			return key_error(l, _("[%s]: at most %d inputs"), section,
					 SETTINGS_MAX_INPUTS);
	} else {
		return key_error(
		    l, _("unknown section [%s] (kiosk, sync, source NAME, publish or input NAME)"),
		    section);
	}
	for (size_t i = 0; i < N_KEYS; i++) {
		/* An input is a source with a few keys more. */
		bool fits = keys[i].scope == scope ||
			    (scope == SCOPE_INPUT && keys[i].scope == SCOPE_SOURCE);
		if (!fits || strcmp(keys[i].name, name) != 0)
			continue;
		if (set_key(&keys[i], base, value))
			return 1;
		return key_error(l, _("[%s] %s = %s: not valid (%s)"), section, name, value,
				 _(keys[i].help));
	}
	return key_error(l, _("[%s]: unknown key \"%s\""), section, name);
}

/* Every entry of list has a url, or *err says which has none. */
static bool has_urls(const char *path, const char *section, const struct source_config *list,
		     size_t n, char **err)
{
	for (size_t i = 0; i < n; i++) {
		if (!list[i].url) {
			if (asprintf(err, _("%s: [%s %s] has no url"), path, section,
				     list[i].name) < 0)
				*err = NULL;
			return false;
		}
	}
	return true;
}

bool settings_load(struct settings *c, const char *path, char **err)
{
	struct load l = {.c = c};
	/* A configured terminal is not the demo's lobby. */
	apply_defaults(SCOPE_KIOSK, c);
	free(c->municipality);
	c->municipality = NULL;
	struct stat sb;
	if (stat(path, &sb) != 0) {
		*err = path_format(_("%s: cannot be read: %s"), path, strerror(errno));
		return false;
	}
	if (!S_ISREG(sb.st_mode)) { /* a directory, /dev/null */
		*err =
		    path_format(_("%s: not a configuration file (a directory or a device)"), path);
		return false;
	}
	l.f = fopen(path, "r");
	int rc = l.f ? ini_parse_stream(read_line, &l, on_key, &l) : -1;
	if (l.f)
		fclose(l.f);
	if (rc == -1) {
		*err = path_format(_("%s: cannot be read: %s"), path, strerror(errno));
	} else if (rc == -2) {
		*err = path_format("%s: %s", path, _("out of memory"));
	} else if (l.err && (rc <= 0 || l.err_line <= rc)) { /* ours came first */
		*err = path_format("%s:%d: %s", path, l.err_line, l.err);
		rc = l.err_line;
	} else if (rc > 0) { /* a line inih could not read came first */
		*err = path_format(_("%s:%d: not INI syntax (write key = value under a [section])"),
				   path, rc);
	}
	free(l.err);
	if (rc != 0)
		return false;
	if (!l.replaced_sources && !c->publish.present) {
		*err = path_format(_("%s: no [source NAME] section: a terminal needs at least one "
				     "feed (aulataulu --demo shows the bundled demo)"),
				   path);
		return false;
	}
	if (!l.replaced_sources) /* a publisher's file: no demo sources */
		settings_free_sources(c);
	return has_urls(path, "source", c->sources, c->n_sources, err) &&
	       has_urls(path, "input", c->inputs, c->n_inputs, err);
}

static void free_source_list(struct source_config *list, size_t *n)
{
	for (size_t i = 0; i < *n; i++) {
		struct source_config *s = &list[i];
		free(s->name);
		free(s->url);
		free(s->format);
		free(s->feed_id);
		free(s->public_key);
		free(s->organizer);
		free(s->language);
		free(s->topics);
		free(s->categories);
	}
	*n = 0;
}

void settings_free_sources(struct settings *c)
{
	free_source_list(c->sources, &c->n_sources);
}

static void free_publish(struct publish_settings *p)
{
	free(p->feed_id);
	free(p->publisher);
	free(p->publisher_sv);
	free(p->publisher_en);
	free(p->publisher_url);
	free(p->timezone);
	free(p->output);
	free(p->secret_key);
	free(p->password_file);
	free(p->public_key);
}

void settings_free(struct settings *c)
{
	settings_free_sources(c);
	free_source_list(c->inputs, &c->n_inputs);
	free_publish(&c->publish);
	free(c->site);
	free(c->municipality);
	free(c->language);
	free(c->theme);
	free(c->glyphs);
	free(c->timezone);
	free(c->data_dir);
	free(c->metrics_file);
	free(c->open);
	free(c->terminal_id);
	free(c->speech_device);
	free(c->printer);
	free(c->printer_type);
	free(c->ca_file);
	*c = (struct settings){0};
}

static const char *const sections[] = {"kiosk", "sync", "source NAME", "publish", "input NAME"};

const char *settings_section(size_t i)
{
	return i < sizeof(sections) / sizeof(*sections) ? sections[i] : NULL;
}

size_t settings_key_count(void)
{
	return N_KEYS;
}

void settings_key_at(size_t i, struct settings_key_info *out)
{
	const struct key *k = &keys[i];
	const char *unit = k->type == KEY_SECONDS ? "seconds"
			   : k->type == KEY_BYTES ? "bytes"
			   : k->type == KEY_COUNT ? ""
						  : NULL;
	*out = (struct settings_key_info){
	    sections[k->scope], k->name, k->dflt, k->help, unit, k->min, k->max};
}
