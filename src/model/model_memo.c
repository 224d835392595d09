/* SPDX-License-Identifier: EUPL-1.2 */
/* model_memo: the menu's screens read ahead by a thread of their own. */
#include "config.h"

#include "model/model_memo.h"

#include "store/store.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum memo_kind { MEMO_LIST, MEMO_CATEGORIES, MEMO_SEARCH };

/* What a result answers: its kind and question, its generation and
 * language. */
struct memo_key {
	enum memo_kind kind;
	enum model_when when;
	enum category_usage usage;
	char category[160]; /* "" none */
	char lang[4];
	long generation;
};

struct memo_slot {
	bool used;
	struct memo_key key;
	union {
		struct activity_list list;
		struct category_list categories;
		struct search_base search;
	} v;
};

/* Today, the week, the search, 2 usages, and the lists of their
 * categories: more categories than this are read when opened. */
#define MEMO_SLOTS 64

struct memo {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t wake;
	char *dir;
	bool stop, wanted;
	long generation; /* the newest memo_want's */
	char lang[4];
	int64_t now;
	struct memo_slot slots[MEMO_SLOTS];
};

static void free_value(struct memo_slot *s)
{
	if (s->key.kind == MEMO_LIST)
		activity_list_free(&s->v.list);
	else if (s->key.kind == MEMO_CATEGORIES)
		category_list_free(&s->v.categories);
	else
		search_base_free(&s->v.search);
	s->used = false;
}

static bool same(const struct memo_key *a, const struct memo_key *b)
{
	return a->kind == b->kind && a->generation == b->generation && !strcmp(a->lang, b->lang) &&
	       (a->kind != MEMO_LIST ||
		(a->when == b->when && !strcmp(a->category, b->category))) &&
	       (a->kind != MEMO_CATEGORIES || a->usage == b->usage);
}

/* Keeps a result of key (its value in *s's union, given whole); under the
 * lock. A result of an older generation is freed, as is one with no room. */
static void keep(struct memo *m, const struct memo_key *key, struct memo_slot *value)
{
	value->key = *key;
	value->used = true;
	struct memo_slot *to = NULL;
	for (int i = 0; i < MEMO_SLOTS; i++) {
		struct memo_slot *s = &m->slots[i];
		if (s->used && (s->key.generation != m->generation || same(&s->key, key)))
			free_value(s);
		if (!s->used && !to)
			to = s;
	}
	if (key->generation == m->generation && to)
		*to = *value;
	else
		free_value(value);
}

/* Moves the result of key out into *value: false when there is none. */
static bool take(struct memo *m, const struct memo_key *key, struct memo_slot *value)
{
	if (!m)
		return false;
	bool found = false;
	pthread_mutex_lock(&m->mu);
	for (int i = 0; i < MEMO_SLOTS && !found; i++)
		if (m->slots[i].used && same(&m->slots[i].key, key)) {
			*value = m->slots[i];
			m->slots[i].used = false;
			found = true;
		}
	pthread_mutex_unlock(&m->mu);
	return found;
}

static void give(struct memo *m, const struct memo_key *key, struct memo_slot *value)
{
	if (!m) {
		value->key = *key;
		free_value(value);
		return;
	}
	pthread_mutex_lock(&m->mu);
	keep(m, key, value);
	pthread_mutex_unlock(&m->mu);
}

static struct memo_key list_key(long generation, const struct list_query *q)
{
	struct memo_key k = {.kind = MEMO_LIST, .when = q->when, .generation = generation};
	snprintf(k.category, sizeof(k.category), "%s", q->category ? q->category : "");
	snprintf(k.lang, sizeof(k.lang), "%s", q->lang ? q->lang : "fi");
	return k;
}

/* Only a plain list is read ahead: no search, not free only, a category
 * id that fits the key. */
static bool memoised(const struct list_query *q)
{
	return !q->search && !q->free_only && (!q->category || strlen(q->category) < 160);
}

bool memo_take_list(struct memo *m, long generation, const struct list_query *q,
		    struct activity_list *out)
{
	struct memo_key k = list_key(generation, q);
	struct memo_slot s;
	if (!memoised(q) || !take(m, &k, &s))
		return false;
	*out = s.v.list;
	return true;
}

void memo_give_list(struct memo *m, long generation, const struct list_query *q,
		    struct activity_list *l)
{
	struct memo_key k = list_key(generation, q);
	struct memo_slot s = {.v.list = *l};
	if (!memoised(q)) {
		activity_list_free(l);
		return;
	}
	give(m, &k, &s);
	*l = (struct activity_list){0};
}

static struct memo_key categories_key(long generation, enum category_usage usage, const char *lang)
{
	struct memo_key k = {.kind = MEMO_CATEGORIES, .usage = usage, .generation = generation};
	snprintf(k.lang, sizeof(k.lang), "%s", lang ? lang : "fi");
	return k;
}

bool memo_take_categories(struct memo *m, long generation, enum category_usage usage,
			  const char *lang, struct category_list *out)
{
	struct memo_key k = categories_key(generation, usage, lang);
	struct memo_slot s;
	if (!take(m, &k, &s))
		return false;
	*out = s.v.categories;
	return true;
}

void memo_give_categories(struct memo *m, long generation, enum category_usage usage,
			  const char *lang, struct category_list *l)
{
	struct memo_key k = categories_key(generation, usage, lang);
	struct memo_slot s = {.v.categories = *l};
	give(m, &k, &s);
	*l = (struct category_list){0};
}

static struct memo_key search_key(long generation, const char *lang)
{
	struct memo_key k = {.kind = MEMO_SEARCH, .generation = generation};
	snprintf(k.lang, sizeof(k.lang), "%s", lang ? lang : "fi");
	return k;
}

bool memo_take_search(struct memo *m, long generation, const char *lang, struct search_base *out)
{
	struct memo_key k = search_key(generation, lang);
	struct memo_slot s;
	if (!take(m, &k, &s))
		return false;
	*out = s.v.search;
	return true;
}

void memo_give_search(struct memo *m, long generation, const char *lang, struct search_base *b)
{
	struct memo_key k = search_key(generation, lang);
	struct memo_slot s = {.v.search = *b};
	give(m, &k, &s);
	*b = (struct search_base){0};
}

void memo_want(struct memo *m, long generation, const char *lang, int64_t now)
{
	if (!m)
		return;
	pthread_mutex_lock(&m->mu);
	m->generation = generation;
	snprintf(m->lang, sizeof(m->lang), "%s", lang ? lang : "fi");
	m->now = now;
	m->wanted = true;
	for (int i = 0; i < MEMO_SLOTS; i++) /* what no screen can take any more */
		if (m->slots[i].used && m->slots[i].key.generation != generation)
			free_value(&m->slots[i]);
	pthread_cond_signal(&m->wake);
	pthread_mutex_unlock(&m->mu);
}

/* Is generation still the one wanted (nothing newer asked for)? */
static bool current(struct memo *m, long generation)
{
	pthread_mutex_lock(&m->mu);
	bool yes = !m->stop && m->generation == generation;
	pthread_mutex_unlock(&m->mu);
	return yes;
}

/* Reads, as the screens would, what one generation's menu leads to. */
static void read_ahead(struct memo *m, struct store *s, long generation, const char *lang,
		       int64_t now)
{
	char *err = NULL;
	static const enum model_when periods[] = {WHEN_TODAY, WHEN_WEEK};
	for (size_t i = 0; i < 2 && current(m, generation); i++) {
		struct list_query q = {.when = periods[i], .lang = lang, .now = now};
		struct memo_slot v = {0};
		struct memo_key k = list_key(generation, &q);
		if (model_list_activities(s, &q, &v.v.list, &err))
			give(m, &k, &v);
		free(err);
		err = NULL;
	}
	struct list_query all = {.when = WHEN_ALL, .lang = lang, .now = now};
	struct memo_slot base = {0};
	struct memo_key bk = search_key(generation, lang);
	if (current(m, generation) && model_search_begin(s, &all, &base.v.search, &err))
		give(m, &bk, &base);
	free(err);
	err = NULL;
	/* The topics and life situations, then each one's list (their ids
	 * copied: a screen may take the list meanwhile). */
	char *ids[MEMO_SLOTS];
	size_t n_ids = 0;
	for (int usage = USAGE_TOPIC; usage <= USAGE_AUDIENCE && current(m, generation); usage++) {
		struct memo_slot v = {0};
		struct memo_key k = categories_key(generation, (enum category_usage)usage, lang);
		if (!model_categories(s, (enum category_usage)usage, lang, now, &v.v.categories,
				      &err)) {
			free(err);
			err = NULL;
			continue;
		}
		for (size_t i = 0; i < v.v.categories.n && n_ids < MEMO_SLOTS; i++)
			if ((ids[n_ids] = strdup(v.v.categories.v[i].id)))
				n_ids++;
		give(m, &k, &v);
	}
	for (size_t i = 0; i < n_ids; i++) {
		struct list_query q = {
		    .when = WHEN_ALL, .category = ids[i], .lang = lang, .now = now};
		struct memo_slot v = {0};
		struct memo_key k = list_key(generation, &q);
		if (current(m, generation) && memoised(&q) &&
		    model_list_activities(s, &q, &v.v.list, &err))
			give(m, &k, &v);
		free(err);
		err = NULL;
		free(ids[i]);
	}
}

static void *run(void *arg)
{
	struct memo *m = arg;
	char *err = NULL;
	struct store *s = store_open(m->dir, STORE_UI, &err);
	free(err);
	pthread_mutex_lock(&m->mu);
	while (s && !m->stop) {
		if (!m->wanted) {
			pthread_cond_wait(&m->wake, &m->mu);
			continue;
		}
		m->wanted = false;
		long generation = m->generation;
		char lang[4];
		memcpy(lang, m->lang, sizeof(lang));
		int64_t now = m->now;
		pthread_mutex_unlock(&m->mu);
		read_ahead(m, s, generation, lang, now);
		pthread_mutex_lock(&m->mu);
	}
	pthread_mutex_unlock(&m->mu);
	store_close(s);
	return NULL;
}

struct memo *memo_start(const char *dir)
{
	struct memo *m = calloc(1, sizeof(*m));
	if (!m || !(m->dir = strdup(dir))) {
		free(m);
		return NULL;
	}
	pthread_mutex_init(&m->mu, NULL);
	pthread_cond_init(&m->wake, NULL);
	m->generation = -1;
	if (pthread_create(&m->thread, NULL, run, m) != 0) {
		pthread_mutex_destroy(&m->mu);
		pthread_cond_destroy(&m->wake);
		free(m->dir);
		free(m);
		return NULL;
	}
	return m;
}

void memo_stop(struct memo *m)
{
	if (!m)
		return;
	pthread_mutex_lock(&m->mu);
	m->stop = true;
	pthread_cond_signal(&m->wake);
	pthread_mutex_unlock(&m->mu);
	pthread_join(m->thread, NULL);
	for (int i = 0; i < MEMO_SLOTS; i++)
		if (m->slots[i].used)
			free_value(&m->slots[i]);
	pthread_mutex_destroy(&m->mu);
	pthread_cond_destroy(&m->wake);
	free(m->dir);
	free(m);
}
