/* model: the questions the screens and commands ask of the data, answered
 * from cache.db and local.db. No SQL leaves this module (and store*.c).
 *
 * Results live in an arena inside the result struct: free them with the
 * matching *_free function. Texts are in the asked language, falling back
 * to Finnish. Hidden activities are never returned. */
#ifndef AULATAULU_MODEL_H
#define AULATAULU_MODEL_H

#include "arena.h"
#include "store.h"

#include <stdbool.h>
#include <stdint.h>

enum model_when { WHEN_TODAY, WHEN_WEEK, WHEN_ALL };

struct list_query {
	enum model_when when;
	const char *category; /* a category id, or NULL */
	const char *lang;
	int64_t now;
};

struct activity_summary {
	const char *source, *id, *name, *organizer, *status, *type, *attendance_mode;
	const char *place;		/* NULL: no place (phone, chat, online) */
	int64_t next_start, next_end;	/* 0: no dated occurrence ahead */
	const char **categories;	/* ids, topics and audiences */
	size_t n_categories;
	bool is_free, has_offers;
};

struct activity_list {
	struct arena arena;
	struct activity_summary *v;
	size_t n;
};

/* Activities with an occurrence from now to the end of today (TODAY), of
 * the seventh day (WEEK), or every current one (ALL); activities shown for a
 * validity window count while it lasts. Ordered by next start, then name. */
bool model_list_activities(struct store *s, const struct list_query *q, struct activity_list *out,
			   char **err);
void activity_list_free(struct activity_list *l);

struct announcement {
	const char *id, *title, *body, *url;
	int priority;
	bool local; /* written by the liaison person */
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

struct source_summary {
	const char *name, *feed_id, *publisher;
	int64_t sequence, fetched_at, generated_at, expires_at;
};

struct source_list {
	struct arena arena;
	struct source_summary *v;
	size_t n;
	long activities, announcements; /* in the cache, hidden ones excepted */
};

bool model_sources(struct store *s, const char *lang, struct source_list *out, char **err);
void source_list_free(struct source_list *l);

/* The clock may be wrong after a power cut on a board with no real-time
 * clock: a time earlier than the newest feed's generated_at is taken as that
 * generated_at, and *unsure is set. */
int64_t model_effective_now(struct store *s, int64_t now, bool *unsure);

#endif
