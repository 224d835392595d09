/* SPDX-License-Identifier: EUPL-1.2 */
/* local: the liaison person's data in local.db: local announcements,
 * hidden activities and the audit log. Every change is written together
 * with its audit entry in one transaction; a sync never opens local.db.
 *
 * The store must be opened with STORE_READ (local.db attached). Lists live
 * in their own arena: free them with the matching *_free. */
#ifndef AULATAULU_LOCAL_H
#define AULATAULU_LOCAL_H

#include "util/arena.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct store;

/* Expired local announcements are kept this long, then purged. */
#define LOCAL_KEEP_EXPIRED (30 * 86400)

struct local_announcement {
	int64_t id;
	const char *title, *body, *url, *lang;
	int priority;			 /* 0 info .. 3 urgent */
	int64_t valid_from, valid_until; /* 0: open */
	int64_t created_at, updated_at;
};

struct local_announcement_list {
	struct arena arena;
	struct local_announcement *v;
	size_t n;
};

/* Checks a (new or edited) announcement: a title of 1-120 characters, a
 * body of at most 2,000, priority 0-3, an end after the start, a web
 * address that is http(s), language fi, sv or en (or none). *out is in
 * with its texts cleaned (into arena). False and *err (caller frees) for
 * the first problem. */
bool local_announcement_check(const struct local_announcement *in, struct local_announcement *out,
			      struct arena *arena, char **err);

/* Adds a (its id is ignored); *id (if not NULL) receives the new id.
 * origin is "ui" or "cli". */
bool local_announcement_add(struct store *s, const struct local_announcement *a, int64_t *id,
			    const char *origin, int64_t now, char **err);
/* Replaces announcement a->id with a; an unknown id is an error. */
bool local_announcement_edit(struct store *s, const struct local_announcement *a,
			     const char *origin, int64_t now, char **err);
bool local_announcement_remove(struct store *s, int64_t id, const char *origin, int64_t now,
			       char **err);
/* Every local announcement, newest first (purged ones are gone). */
bool local_announcement_list(struct store *s, struct local_announcement_list *out, char **err);
bool local_announcement_get(struct store *s, int64_t id, struct local_announcement_list *out,
			    char **err);
void local_announcement_list_free(struct local_announcement_list *l);

/* Removes announcements that expired more than LOCAL_KEEP_EXPIRED ago;
 * returns how many (or -1 on error). */
int local_purge(struct store *s, int64_t now);

/* Hides the activity of source and id on this terminal (it must be in the
 * cache), or shows it again. Survives every sync. The same id in another
 * source is another activity. (A row hidden before hiding was per source
 * has source "": unhide it with that.) */
bool local_hide(struct store *s, const char *source, const char *id, const char *origin,
		int64_t now, char **err);
bool local_unhide(struct store *s, const char *source, const char *id, const char *origin,
		  int64_t now, char **err);

/* The sources that have an activity with this id (hidden: the sources of
 * the hidden rows with it), for a command given only the id. */
struct source_names {
	struct arena arena;
	const char **v;
	size_t n;
};
bool local_sources_of(struct store *s, const char *id, bool hidden, struct source_names *out,
		      char **err);
void source_names_free(struct source_names *l);

struct hidden_activity {
	const char *source, *id, *name; /* name NULL when the feed no longer has it */
	int64_t hidden_at;
};

struct hidden_list {
	struct arena arena;
	struct hidden_activity *v;
	size_t n;
};

bool local_hidden_list(struct store *s, const char *lang, struct hidden_list *out, char **err);
void hidden_list_free(struct hidden_list *l);

struct audit_entry {
	int64_t at;
	const char *origin, *action, *detail;
};

struct audit_list {
	struct arena arena;
	struct audit_entry *v;
	size_t n;
};

/* Writes one audit entry (inside the caller's transaction, if any). */
bool local_audit(struct store *s, const char *origin, const char *action, const char *detail,
		 int64_t now);
/* The newest `limit` entries, newest first. */
bool local_audit_list(struct store *s, int limit, struct audit_list *out, char **err);
void audit_list_free(struct audit_list *l);

/* Housekeeping, at start and hourly: purges old local announcements and
 * backs local.db up once a day. */
void local_maintain(struct store *s, const char *dir, int64_t now);

/* A value of local.db's settings table (caller frees), or NULL. */
char *local_setting(struct store *s, const char *key);
bool local_set_setting(struct store *s, const char *key, const char *value);

#endif
