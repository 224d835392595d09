/* SPDX-License-Identifier: EUPL-1.2 */
/* stats: anonymous counts of what patients look at, so that associations
 * and parishes can show what their work reaches (docs/admin.md "What is
 * counted"). Per day only: activities opened, their QR codes and contacts
 * shown and their slips printed, rolled up per organisation, topic and
 * life situation; sessions, searches, searches without a result and slips
 * printed (of announcements too). Nothing finer than a day,
 * nothing per session or person, no sequence of actions, and no free text
 * but search terms that found nothing on at least 3 different days.
 *
 * The counts live in stats.db, apart from the cache and the liaison data
 * (a sync never opens it); they are kept in memory and written at most
 * once a minute (at most the last minute is lost to a power cut), and
 * deleted after STATS_KEEP_DAYS. */
#ifndef AULATAULU_STATS_H
#define AULATAULU_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define STATS_KEEP_DAYS 400
#define STATS_TERM_DAYS 30	/* no-result terms, raw or shown, are kept this long */
#define STATS_TERM_MAX_DIGITS 5 /* a term with more digits is taken for personal data */
#define STATS_TERM_MIN_DAYS 3	/* days a term must be searched on to be shown */

enum stats_event { STATS_OPENED, STATS_QR, STATS_CONTACT, STATS_PRINTED, STATS_EVENTS };

struct stats;
struct store;

/* Counts for data directory dir, written every flush_every seconds (NULL
 * when counting is off: every call below then does nothing). */
struct stats *stats_begin(const char *dir, long flush_every);

/* Notes one event of activity (source, id), a session (the attract
 * screen left), or a search with query, found or not, at time now. */
void stats_activity(struct stats *s, int64_t now, enum stats_event e, const char *source,
		    const char *id);
void stats_session(struct stats *s, int64_t now);
/* A slip printed (an activity's also goes to stats_activity). */
void stats_slip(struct stats *s, int64_t now);
void stats_search(struct stats *s, int64_t now, const char *query, bool found);

/* Whether a search term may be data about a person, and so is never kept:
 * an e-mail address (an @), or more than STATS_TERM_MAX_DIGITS digits (a
 * personal identity code, a phone number, a date of birth, an account). */
bool stats_term_is_personal(const char *term);

/* Writes what was noted, in one transaction, when flush_every has
 * passed since the last write (or always with force); the activities'
 * names, organisers and categories come from the cache of store.
 * Also deletes what is older than it may be kept. False and *err. */
bool stats_flush(struct stats *s, struct store *store, int64_t now, bool force, char **err);

/* Writes what is left and frees s. */
void stats_end(struct stats *s, struct store *store, int64_t now);

enum stats_by {
	STATS_BY_ACTIVITY,
	STATS_BY_ORGANIZATION,
	STATS_BY_TOPIC,
	STATS_BY_AUDIENCE,
	STATS_BY_DAY
};

struct stats_row {
	char *key, *name;		   /* e.g. an organisation's id and name; a day */
	long opened, qr, contact, printed; /* activities' (by day: every slip printed) */
	long sessions, searches, empty;	   /* STATS_BY_DAY */
};

struct stats_report {
	struct stats_row *rows;
	size_t n;
	char **unmet; /* terms searched without a result on >= 3 days */
	size_t n_unmet;
};

/* The counts of days [from, to] ("YYYY-MM-DD") of data directory dir, by
 * by, most seen first (by day: in order). False and *err. */
bool stats_report(const char *dir, const char *from, const char *to, enum stats_by by,
		  struct stats_report *out, char **err);
void stats_report_free(struct stats_report *r);

/* Every count ever written per organisation (never decreasing, for
 * Prometheus counters): calls fn for each, n[] by enum stats_event. */
bool stats_totals(const char *dir,
		  void (*fn)(void *ctx, const char *org, const char *name,
			     const long n[STATS_EVENTS]),
		  void *ctx);

/* The day of t in local time, "YYYY-MM-DD". */
void stats_day(int64_t t, char out[11]);

#endif
