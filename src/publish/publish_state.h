/* SPDX-License-Identifier: EUPL-1.2 */
/* publish_state: the publisher's own SQLite database (publish.db in its
 * data directory): per input its last fetch and its last good items, the
 * items that wait for approval, and the last publication. The items are
 * the feed: a publication is built from them alone, so an input that
 * fails keeps what it last gave. */
#ifndef AULATAULU_PUBLISH_STATE_H
#define AULATAULU_PUBLISH_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct pstate;

/* One item of an input as published: an activity or an announcement with
 * the organisation, place and categories it refers to (a "bundle"), as
 * compact JSON. */
struct pstate_item {
	const char *id;	  /* as published: "input:id" */
	const char *kind; /* "activity" or "announcement" */
	const char *name; /* its Finnish name or title, for people */
	const char *body; /* the bundle */
};

struct pstate_input {
	char *etag, *last_modified, *content_hash, *error; /* NULL: none */
	char *options;				      /* the input's configuration when last read */
	int64_t sequence, last_attempt, last_success; /* 0: never */
	size_t items;				      /* stored ones */
};

struct pstate_publication {
	int64_t sequence, generated_at, expires_at; /* 0: never published */
	char *content_hash;
};

/* What changed of an input: '+' added, '-' removed, '~' changed, '?' a
 * new or changed item that waits for approval. */
typedef void pstate_change_fn(void *ctx, char what, const char *id, const char *name);

/* Opens (creating) publish.db in dir. NULL and *err (caller frees). */
struct pstate *pstate_open(const char *dir, char **err);
void pstate_close(struct pstate *s);

/* One transaction around a whole run; a dry run ends in rollback. */
bool pstate_begin(struct pstate *s, char **err);
bool pstate_commit(struct pstate *s, char **err);
void pstate_rollback(struct pstate *s);

bool pstate_input_get(struct pstate *s, const char *name, struct pstate_input *out, char **err);
void pstate_input_free(struct pstate_input *in);

/* Records a try of input name at now: error NULL for a success, which
 * also keeps etag, last_modified, content_hash, options and sequence. */
bool pstate_input_tried(struct pstate *s, const char *name, int64_t now, const char *error,
			const struct pstate_input *got, char **err);

/* Makes items (n, in order) the input's: with review, new and changed
 * ones wait for approval instead; removed ones go at once. Reports each
 * change to fn. */
bool pstate_replace_items(struct pstate *s, const char *input, const struct pstate_item *items,
			  size_t n, bool review, int64_t now, pstate_change_fn *fn, void *ctx,
			  char **err);

/* Drops an input's items and waiting items (past max_stale, or no longer
 * configured). */
bool pstate_drop_input(struct pstate *s, const char *input, char **err);

/* The names of the inputs the database knows (NULL-terminated; the
 * caller frees each and the array). */
char **pstate_known_inputs(struct pstate *s, char **err);

/* Calls fn(ctx, kind, body) for each stored item of input, in order. */
bool pstate_each_item(struct pstate *s, const char *input,
		      bool (*fn)(void *ctx, const char *kind, const char *body), void *ctx,
		      char **err);

/* Calls fn(ctx, input, id, kind, name, since) for each waiting item. */
bool pstate_each_pending(struct pstate *s,
			 void (*fn)(void *ctx, const char *input, const char *id, const char *kind,
				    const char *name, int64_t since),
			 void *ctx, char **err);

/* Moves the waiting item id (NULL: every one) to the published items;
 * *found tells whether there was one. */
bool pstate_approve(struct pstate *s, const char *id, bool *found, char **err);

bool pstate_publication_get(struct pstate *s, struct pstate_publication *out, char **err);
bool pstate_publication_set(struct pstate *s, const struct pstate_publication *p, char **err);
void pstate_publication_free(struct pstate_publication *p);

#endif
