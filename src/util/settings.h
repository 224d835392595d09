/* SPDX-License-Identifier: EUPL-1.2 */
/* settings: the INI configuration (data/aulataulu.conf.example), read with inih.
 *
 * Keys are data (settings.c's table: name, type, range, default, help), so
 * `aulataulu config-help` and the checks come from one place. */
#ifndef AULATAULU_SETTINGS_H
#define AULATAULU_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define SETTINGS_MAX_SOURCES 16
#define SETTINGS_MAX_INPUTS 64

struct source_config {
	char *name;
	char *url;
	char *format;	  /* "aulataulu", "csv", "ical", "rss" or "demo" (the bundled demo) */
	char *feed_id;	  /* NULL: any */
	char *public_key; /* minisign public key, or NULL */
	long interval;	  /* seconds between syncs */
	bool allow_file;  /* file:// URLs accepted */
	/* For sources with no such data of their own (a calendar): */
	char *organizer;  /* every activity's organiser, or NULL */
	char *language;	  /* the language of the texts (NULL: fi) */
	char *topics;	  /* topics and life situations of every activity */
	char *categories; /* "word: topic, ...": the source's words as topics */
	long valid_days;  /* rss: days a news item is shown */
	bool review;	  /* publish inputs: new and changed items wait for approval */
	bool allow_empty; /* a feed that empties the source is applied even with items skipped */
};

/* The [publish] section: a wellbeing area's publisher (publish.h). */
struct publish_settings {
	bool present;	 /* the file has a [publish] section */
	char *feed_id;	 /* the published feed's id (required) */
	char *publisher; /* its publisher's name in Finnish (required) */
	char *publisher_sv, *publisher_en, *publisher_url;
	char *timezone;	     /* the area's time zone: of every schedule */
	char *output;	     /* the directory served to the terminals (required) */
	char *secret_key;    /* a minisign secret key file (required) */
	char *password_file; /* the key's password, or NULL */
	char *public_key;    /* the key terminals have, to check the secret key against */
	long expires_after;  /* seconds a publication is valid */
	long max_stale;	     /* seconds a failing input's items are kept */
};

struct settings {
	char *site;
	char *municipality;
	char *language;
	char *theme;  /* "normal" or "high-contrast" */
	char *glyphs; /* "auto", "unicode" or "console" (the Linux console's fonts) */
	char *timezone;
	char *data_dir;
	char *metrics_file;  /* Prometheus textfile, or NULL */
	char *open;	     /* opening hours (opening.h), or NULL: always */
	bool statistics;     /* anonymous counts (stats.h) */
	long stats_interval; /* seconds between writes of the counts */
	char *terminal_id;   /* this terminal's name for the feed server and metrics */
	long idle_timeout;   /* seconds */
	bool speech;	     /* the Listen button (speech.h) */
	long speech_rate;    /* words a minute */
	long speech_volume;  /* 0-200 */
	char *speech_device; /* audio device, or NULL: the system's */
	char *printer;	     /* CUPS queue of the printer, or NULL: none */
	char *printer_type;  /* "auto", "receipt" or "page" */
	long printer_width;  /* millimetres: 58 or 80 */
	long printer_wait;   /* seconds a slip may take */
	long prints_per_hour;
	long timeout, connect_timeout;
	long max_size;	  /* bytes */
	char *ca_file;	  /* CA certificates to trust, or NULL: the system's */
	long window_days; /* look-ahead for recurring schedules */
	struct source_config sources[SETTINGS_MAX_SOURCES];
	size_t n_sources;
	struct publish_settings publish;
	struct source_config inputs[SETTINGS_MAX_INPUTS]; /* [input NAME] of publish */
	size_t n_inputs;
};

/* Fills *c with the defaults and the bundled demo source. */
void settings_defaults(struct settings *c);

/* Reads file path over the defaults (its sources replace the demo source;
 * a publisher's file has [publish] and [input NAME] sections instead).
 * On failure returns false and sets *err ("file:line: what is wrong"). */
bool settings_load(struct settings *c, const char *path, char **err);

/* Forgets every source (the demo one too). */
void settings_free_sources(struct settings *c);
void settings_free(struct settings *c);

/* Writes every key with its default and help text, as an example file. */
void settings_print_help(FILE *out);

/* One key of the table: its section as written ("kiosk", "source NAME"),
 * name, default (NULL: none) and help (untranslated); for a number its
 * range, min to max in unit ("seconds", "bytes", "" for a count; NULL when
 * the key is no number). */
struct settings_key_info {
	const char *section, *name, *dflt, *help, *unit;
	long min, max;
};
size_t settings_key_count(void);
/* The i'th section as written ("kiosk", "source NAME"), in the order of
 * the files; NULL past the last. settings_key_at's section is one of
 * these very strings. */
const char *settings_section(size_t i);
void settings_key_at(size_t i, struct settings_key_info *out);

/* Every key as a manual page, aulataulu.conf(5), in roff (English). */
void settings_print_man(FILE *out);

#endif
