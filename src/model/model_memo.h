/* SPDX-License-Identifier: EUPL-1.2 */
/* model_memo: what the kiosk's menu leads to, read ahead of the visitor
 * by a thread of its own (with a connection of its own), so that opening
 * a screen costs a lookup rather than a query: today's and the week's
 * lists, the topics and life situations, each one's list, and what the
 * search searches. At 10,000 activities each is 10-50 ms, more than a
 * display frame.
 *
 * What is read ahead belongs to a generation: the kiosk starts a new one
 * (memo_want) whenever what the screens show must be read again (new
 * data, a change of its own, the language, the quarter-hour's relisting),
 * and a result of another generation is never given out. A screen takes
 * a result (it is then the screen's) and gives it back when it leaves, so
 * that the next visitor opens it as fast. */
#ifndef AULATAULU_MODEL_MEMO_H
#define AULATAULU_MODEL_MEMO_H

#include "model/model.h"

#include <stdbool.h>
#include <stdint.h>

struct memo;

/* Starts the reading thread on data directory dir (NULL when it cannot:
 * every call below then finds nothing and does nothing). */
struct memo *memo_start(const char *dir);
void memo_stop(struct memo *m);

/* A new generation: reads ahead in lang as at now; what is kept of
 * earlier ones is dropped. */
void memo_want(struct memo *m, long generation, const char *lang, int64_t now);

/* The list of q (when and category; no search, not free only) read ahead
 * in this generation, moved into *out: false when there is none. */
bool memo_take_list(struct memo *m, long generation, const struct list_query *q,
		    struct activity_list *out);
/* Gives back a list of q that a screen no longer shows (kept when of this
 * generation, freed otherwise). */
void memo_give_list(struct memo *m, long generation, const struct list_query *q,
		    struct activity_list *l);

bool memo_take_categories(struct memo *m, long generation, enum category_usage usage,
			  const char *lang, struct category_list *out);
void memo_give_categories(struct memo *m, long generation, enum category_usage usage,
			  const char *lang, struct category_list *l);

/* What the search searches (model_search_begin of every current one). */
bool memo_take_search(struct memo *m, long generation, const char *lang, struct search_base *out);
void memo_give_search(struct memo *m, long generation, const char *lang, struct search_base *b);

#endif
