/* SPDX-License-Identifier: EUPL-1.2 */
/* model: the questions the screens and commands ask of the data, answered
 * from cache.db and local.db. No SQL leaves this module (and store*.c).
 *
 * Results live in an arena inside the result struct: free them with the
 * matching *_free function. Texts are in the asked language, falling back
 * to Finnish. Hidden activities are never returned. */
#ifndef AULATAULU_MODEL_H
#define AULATAULU_MODEL_H

#include "util/arena.h"
#include "feed/feed.h"
#include "util/settings.h"

#include <stdbool.h>
#include <stdint.h>

/* Opened by the caller with store_open(); screens never see its insides. */
struct store;

/* Today; the week ahead (today and the six days after it: on a Sunday,
 * "this week" is not Sunday alone); everything ahead. */
enum model_when { WHEN_TODAY, WHEN_WEEK, WHEN_ALL };

/* Where the period `when` that holds now ends (INT64_MAX: never). */
int64_t model_period_end(enum model_when when, int64_t now);

struct list_query {
	enum model_when when;
	const char *category; /* a category id, or NULL */
	const char *search;   /* words typed by the user, or NULL; "" matches nothing */
	bool free_only;	      /* only activities free of charge */
	const char *lang;
	int64_t now;
};

struct activity_summary {
	const char *source, *id, *name, *organizer, *status, *type, *attendance_mode;
	const char *place;	      /* NULL: no place (phone, chat, online) */
	int64_t next_start, next_end; /* 0: no dated occurrence ahead */
	const char **categories;      /* ids, topics and audiences */
	size_t n_categories;
	bool is_free, has_offers;
	double score; /* a search's rank: lower is better; 0 otherwise */
	int64_t row;  /* the activity's row in the cache */
};

/* Whether a's next date (or a itself) is cancelled: a search ranks it
 * after every one that takes place. */
bool model_summary_cancelled(const struct activity_summary *a);

struct activity_list {
	struct arena arena;
	struct activity_summary *v;
	size_t n;
};

/* Why the liaison person's data (local.db) is not in use, the kiosk
 * running from the cache alone; NULL when it is. */
const char *model_local_problem(const struct store *s);

/* Activities with an occurrence from now to the end of today (TODAY), of
 * the seventh day (WEEK), or every current one (ALL); activities shown for a
 * validity window count while it lasts. Ordered by next start, then name
 * (ASCII letters folded), then id. */
bool model_list_activities(struct store *s, const struct list_query *q, struct activity_list *out,
			   char **err);
void activity_list_free(struct activity_list *l);

/* Search as you type (model_typing.c): the listing a search looks in, read
 * once when the search opens (and again when the data, the day or the
 * language change); each key then costs the full-text match and a ranking
 * in memory. Finds what model_list_activities with q->search finds, in the
 * same order. */
struct search_base {
	struct activity_list all;   /* q's listing, without its search */
	const char **folded;	    /* each name lower case without accents */
	size_t *by_row;		    /* indexes of all, by row */
	struct search_vocab *vocab; /* to widen a search that finds nothing */
};
bool model_search_begin(struct store *s, const struct list_query *q, struct search_base *out,
			char **err);
/* The activities of b that typed finds, most relevant first ("" finds
 * none). out's texts are b's: free out before b. */
bool model_search_typed(struct store *s, const struct search_base *b, const char *typed,
			struct activity_list *out, char **err);
void search_base_free(struct search_base *b);

struct announcement {
	const char *id, *title, *body, *url;
	int priority;
	bool local;			 /* written by the liaison person */
	int64_t valid_from, valid_until; /* 0: open */
};

struct announcement_list {
	struct arena arena;
	struct announcement *v;
	size_t n;
};

/* Announcements valid at now for municipality (NULL: any), feed and local,
 * in display order: priority, then newest first. */
bool model_board(struct store *s, int64_t now, const char *municipality, const char *lang,
		 struct announcement_list *out, char **err);
void announcement_list_free(struct announcement_list *l);

/* The title of the announcement model_board would put first if it is
 * urgent (priority 3), copied into title (size bytes); "" and false when
 * none is. For a check every second: reads no other announcement. */
bool model_urgent(struct store *s, int64_t now, const char *municipality, const char *lang,
		  char *title, size_t size);

struct source_summary {
	const char *name, *feed_id, *publisher;
	int64_t sequence, fetched_at, generated_at, expires_at;
};

struct source_list {
	struct arena arena;
	struct source_summary *v;
	size_t n;
};

bool model_sources(struct store *s, const char *lang, struct source_list *out, char **err);
void source_list_free(struct source_list *l);

/* Activities (hidden ones excepted) and announcements (feed and local) in
 * the data; -1 when they cannot be counted. Not asked with the sources: the
 * freshness shown every second has no use for counting 50,000 rows. */
void model_counts(struct store *s, long *activities, long *announcements);

/* What the anonymous counts (stats.h) keep of an activity: its Finnish
 * name, its organiser, its topics and life situations. */
struct activity_facts {
	struct arena arena;
	const char *name, *organizer_id, *organizer;
	struct activity_category {
		const char *id, *usage, *name; /* usage: "topic" or "audience" */
	} * categories;
	size_t n_categories;
};

/* Fills *out (free it with activity_facts_free); false when the activity
 * is not in the cache. */
bool model_activity_facts(struct store *s, const char *source, const char *id,
			  struct activity_facts *out);
void activity_facts_free(struct activity_facts *f);

/* Everything a person needs to know of one activity. */
struct activity_detail {
	struct arena arena;
	const char *source, *id, *type, *name, *short_description, *description, *schedule_text;
	const char *organizer, *organizer_phone, *organizer_url, *organizer_email;
	const char *place, *street_address, *locality, *postal_code, *place_extra;
	unsigned accessibility; /* ACCESS_* bits */
	const char *attendance_mode, *online_url, *phone, *info_url, *event_status;
	bool has_offers, is_free, has_registration, registration_required, membership_required;
	const char *price, *offers_info_url;
	const char *registration_url, *registration_phone, *registration_email, *registration_info;
	const char **languages, **categories; /* BCP 47 codes; category names */
	size_t n_languages, n_categories;
	struct {
		int64_t start, end;
		const char *status;
		const char *note; /* what differs on that date, or NULL */
	} next[8];		  /* the coming occurrences */
	size_t n_next;
	int64_t valid_from, valid_until;
};

/* The dates of one activity (its row in the cache, activity_summary.row)
 * that have not ended at from and start before until, by start, in lang. */
struct activity_date {
	int64_t start, end; /* end 0: not given */
	const char *status; /* NULL: as planned */
	const char *note;   /* what differs that day, or NULL */
};
struct activity_dates {
	struct arena arena;
	struct activity_date *v;
	size_t n;
};
bool model_activity_dates(struct store *s, int64_t row, const char *lang, int64_t from,
			  int64_t until, struct activity_dates *out, char **err);
void activity_dates_free(struct activity_dates *d);

/* Fills *out with activity id of source (as at now, in lang). Returns false
 * with *err on a database error, false with *err NULL when there is no such
 * (visible) activity. */
bool model_activity(struct store *s, const char *source, const char *id, const char *lang,
		    int64_t now, struct activity_detail *out, char **err);
void activity_detail_free(struct activity_detail *d);

struct category_entry {
	const char *id, *name;
	long upcoming; /* activities with something ahead, or ongoing */
};

struct category_list {
	struct arena arena;
	struct category_entry *v;
	size_t n;
};

/* The categories of one usage that have activities ahead, by name. */
bool model_categories(struct store *s, enum category_usage usage, const char *lang, int64_t now,
		      struct category_list *out, char **err);
void category_list_free(struct category_list *l);

/* How current the data is, for the status line and the about screen. */
struct freshness {
	int64_t last_success; /* newest success of any source, 0: never */
	int64_t last_attempt;
	bool failing;	 /* the last attempt of a source failed */
	bool expired;	 /* a feed's expires_at has passed */
	bool stale;	 /* not confirmed current for over two intervals */
	char error[256]; /* the newest failure's message */
	char publisher[160];
	char restored[256]; /* local.db was restored from a backup: what happened */
};

void model_freshness(struct store *s, const struct settings *cfg, const char *data_dir, int64_t now,
		     const char *lang, struct freshness *out);

/* A number that changes when another connection (the sync) commits, or
 * when a sync replaced a damaged cache.db (then opened anew). */
long model_data_version(struct store *s);
/* The same, changing also when this connection wrote (a hide, an edit in
 * the admin screens): what a screen read before is then stale. */
long model_change_stamp(struct store *s);

/* The clock may be wrong after a power cut on a board with no real-time
 * clock: a time earlier than the newest feed's generated_at is taken as that
 * generated_at, and *unsure is set. */
int64_t model_effective_now(struct store *s, int64_t now, bool *unsure);

#endif
