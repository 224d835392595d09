/* SPDX-License-Identifier: EUPL-1.2 */
/* model: the questions the screens and commands ask of the data. */
#include "config.h"

#include "model/model.h"

#include "store/model_sql.h"
#include "store/store.h"
#include "util/timefmt.h"
#include "util/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The first occurrence of each activity in the window, with its end and
 * status (SQLite takes bare columns from the row of min()): from the window's
 * covering index, or, when searching, from the matches' own occurrences. */
static const char next_in_window[] =
    "SELECT activity, min(start) AS start, end, status"
    " FROM occurrences INDEXED BY occurrences_window"
    " WHERE start < :until AND coalesce(end, start) >= :now GROUP BY activity";
static const char next_of_matches[] =
    "SELECT activity, min(start) AS start, end, status"
    " FROM occurrences INDEXED BY occurrences_by_activity"
    " WHERE activity IN (SELECT rowid FROM activity_search WHERE activity_search MATCH :search)"
    "  AND start < :until AND coalesce(end, start) >= :now GROUP BY activity";
#define IS_MATCH                                                                                   \
	"a.rowid IN (SELECT rowid FROM activity_search WHERE activity_search MATCH :search)"

/* Activities with no dates count while their validity window lasts (for
 * WHEN_ALL, also without one). Texts come from the denormalized listing. */
static const char list_sql[] =
    "WITH next AS (%s),"
    " picked AS ("
    "  SELECT activity, start, end, status FROM next"
    "  UNION ALL"
    "  SELECT a.rowid, NULL, NULL, NULL FROM activities a INDEXED BY activities_undated"
    "  WHERE a.undated AND %s"
    "    AND (:all OR a.valid_from IS NOT NULL OR a.valid_until IS NOT NULL)"
    "    AND coalesce(a.valid_from, :now) <= :until AND coalesce(a.valid_until, :now) >= :now)"
    " SELECT l.source, l.id, l.name, l.organizer,"
    "  coalesce(p.status, l.event_status, 'EventScheduled'), l.type, l.attendance_mode,"
    "  l.place, p.start, p.end, l.categories, l.is_free, l.has_offers, l.activity"
    " FROM picked p JOIN listing l ON l.lang = :lang AND l.activity = p.activity"
    " WHERE 1%s%s%s";
/* The filters, each only when it filters something: a test on every row of
 * a week's thousands is not free (not hiding anything was 3 ms a week). */
static const char not_hidden[] = " AND " NOT_HIDDEN("l.source", "l.id");
static const char in_category[] = " AND EXISTS (SELECT 1 FROM activity_categories c"
				  " WHERE c.activity = l.activity AND c.category_id = :category)";
static const char only_free[] = " AND l.has_offers AND l.is_free";

static void split_categories(struct arena *a, const char *joined, struct activity_summary *x)
{
	if (!joined)
		return;
	size_t n = 1;
	for (const char *p = joined; *p; p++)
		n += *p == '\n';
	x->categories = arena_alloc(a, n * sizeof(*x->categories));
	if (!x->categories)
		return;
	for (const char *p = joined; *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		x->categories[x->n_categories++] = arena_strndup(a, p, len);
		p += len + (nl ? 1 : 0);
	}
}

static void fill_activity(sqlite3_stmt *st, struct arena *a, void *item)
{
	struct activity_summary *x = item;
	*x = (struct activity_summary){.source = sql_dup_column(a, st, 0),
				       .id = sql_dup_column(a, st, 1),
				       .name = sql_dup_column(a, st, 2),
				       .organizer = sql_dup_column(a, st, 3),
				       .status = sql_dup_column(a, st, 4),
				       .type = sql_dup_column(a, st, 5),
				       .attendance_mode = sql_dup_column(a, st, 6),
				       .place = sql_dup_column(a, st, 7),
				       .next_start = sqlite3_column_int64(st, 8),
				       .next_end = sqlite3_column_int64(st, 9),
				       .is_free = sqlite3_column_int(st, 11),
				       .has_offers = sqlite3_column_int(st, 12),
				       .row = sqlite3_column_int64(st, 13)};
	split_categories(a, (const char *)sqlite3_column_text(st, 10), x);
}

/* Bytes compared with ASCII letters folded, as SQLite's NOCASE. */
static int compare_nocase(const char *x, const char *y)
{
	const unsigned char *p = (const unsigned char *)(x ? x : "");
	const unsigned char *q = (const unsigned char *)(y ? y : "");
	for (;; p++, q++) {
		int a = *p >= 'A' && *p <= 'Z' ? *p | 0x20 : *p;
		int b = *q >= 'A' && *q <= 'Z' ? *q | 0x20 : *q;
		if (a != b || !a)
			return a - b;
	}
}

/* Dated first by next start, then by name, then by id for a stable order.
 * Sorted here rather than by SQLite's sorter: with thousands of rows at the
 * same hour, its collated comparisons were half of a week's listing. */
static int compare_summaries(const void *pa, const void *pb)
{
	const struct activity_summary *a = pa, *b = pb;
	if (!a->next_start != !b->next_start)
		return a->next_start ? -1 : 1;
	if (a->next_start != b->next_start)
		return a->next_start < b->next_start ? -1 : 1;
	int c = compare_nocase(a->name, b->name);
	if (!c)
		c = strcmp(a->source ? a->source : "", b->source ? b->source : "");
	return c ? c : strcmp(a->id ? a->id : "", b->id ? b->id : "");
}

/* A search's results: the most relevant first, then as a listing. */
/* Whether a search shows a among the last: a cancelled one never ranks
 * above one that takes place, however well its name matches. */
bool model_summary_cancelled(const struct activity_summary *a)
{
	return a->status && !strcmp(a->status, "EventCancelled");
}

static int compare_relevance(const void *pa, const void *pb)
{
	const struct activity_summary *a = pa, *b = pb;
	bool ca = model_summary_cancelled(a), cb = model_summary_cancelled(b);
	if (ca != cb)
		return ca ? 1 : -1;
	if (a->score != b->score)
		return a->score < b->score ? -1 : 1;
	return compare_summaries(pa, pb);
}

int64_t model_period_end(enum model_when when, int64_t now)
{
	int64_t today = timefmt_day_start(now);
	return when == WHEN_TODAY  ? timefmt_add_days(today, 1)
	       : when == WHEN_WEEK ? timefmt_add_days(today, 7)
				   : INT64_MAX;
}

/* The listing of q, searching with the FTS5 query match (NULL: none). */
static bool list_matching(struct store *s, const struct list_query *q, const char *match,
			  struct activity_list *out, char **err)
{
	*out = (struct activity_list){0};
	int64_t until = model_period_end(q->when, q->now);
	bool hiding = model_count(s, "SELECT EXISTS (SELECT 1 FROM local.hidden_activities)") != 0;
	char sql[sizeof(list_sql) + sizeof(next_of_matches) + sizeof(IS_MATCH) +
		 sizeof(not_hidden) + sizeof(in_category) + sizeof(only_free)];
	snprintf(sql, sizeof(sql), list_sql, match ? next_of_matches : next_in_window,
		 match ? IS_MATCH : "1", hiding ? not_hidden : "", q->category ? in_category : "",
		 q->free_only ? only_free : "");
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL) != SQLITE_OK)
		return store_error(s, _("listing activities"), err);
	bool ok =
	    sql_bind_int(st, ":now", q->now) && sql_bind_int(st, ":until", until) &&
	    sql_bind_int(st, ":all", q->when == WHEN_ALL) &&
	    sql_bind_text(st, ":lang", q->lang ? q->lang : "fi") &&
	    sql_bind_text(st, ":category", q->category) && sql_bind_text(st, ":search", match) &&
	    sql_collect(st, &out->arena, (void **)&out->v, &out->n, sizeof(*out->v), fill_activity);
	if (!ok) {
		store_error(s, _("listing activities"), err);
		activity_list_free(out);
	} else if (out->n > 1 && !match) { /* a search is ranked once, afterwards */
		qsort(out->v, out->n, sizeof(*out->v), compare_summaries);
	}

	sqlite3_finalize(st);
	return ok;
}

/* Ranks a search's results (model_search_score), then as the listing. */
static void rank(struct store *s, struct activity_list *l, const char *typed, const char *match)
{
	struct search_rows by_category;
	if (!model_search_rows(s, match, true, &by_category))
		by_category = (struct search_rows){0};
	struct search_words *words = model_search_words(s, typed);
	for (size_t i = 0; i < l->n; i++) {
		char folded[1024];
		model_search_fold(l->v[i].name, folded, sizeof(folded));
		l->v[i].score =
		    model_search_score(words, folded, search_rows_has(&by_category, l->v[i].row));
	}
	free(words);
	search_rows_free(&by_category);
	qsort(l->v, l->n, sizeof(*l->v), compare_relevance);
}

bool model_list_activities(struct store *s, const struct list_query *q, struct activity_list *out,
			   char **err)
{
	*err = NULL;
	bool free_only = false; /* a word typed for "free of charge" */
	char *match = q->search ? model_search_query(s, q->search, &free_only) : NULL;
	if (q->search && !match) {
		*out = (struct activity_list){0};
		*err = strdup(_("out of memory"));
		return false;
	}
	struct list_query filtered = *q;
	filtered.free_only = q->free_only || free_only;
	q = &filtered;
	bool text = match && *match; /* "maksuton" alone: no text to find */
	bool ok = list_matching(s, q, text ? match : NULL, out, err);
	char *words = NULL; /* what a widened search found, for ranking */
	if (ok && text) {
		/* Nothing as typed: a typo, an inflection, part of a compound?
		 * Something: also the compounds that contain a typed word. */
		bool found = out->n > 0;
		struct search_vocab vocab;
		char *wide = model_search_vocab(s, &vocab)
				 ? model_search_widen(s, &vocab, q->search, found, &words)
				 : NULL;
		search_vocab_free(&vocab);
		if (wide) {
			activity_list_free(out);
			ok = list_matching(s, q, wide, out, err);
			free(match);
			match = wide;
		}
		if (found) { /* ranked by the words as typed: they come first */
			free(words);
			words = NULL;
		}
	}
	if (ok && text && out->n > 1)
		rank(s, out, words ? words : q->search, match);
	free(words);
	free(match);
	return ok;
}

void activity_list_free(struct activity_list *l)
{
	arena_free(&l->arena);
	*l = (struct activity_list){0};
}

/* clang-format off */
static const char board_sql[] =
    "SELECT id, title, body, url, priority, local, valid_from, valid_until FROM ("
    " SELECT a.id, " ML("a.title") " AS title, " ML("a.body") " AS body,"
    "  a.url, a.priority, 0 AS local, a.valid_from, a.valid_until"
    " FROM announcements a"
    " WHERE (a.municipality_codes IS NULL OR json_array_length(a.municipality_codes) = 0"
    "  OR :municipality IS NULL"
    "  OR EXISTS (SELECT 1 FROM json_each(a.municipality_codes) WHERE value = :municipality))"
    " UNION ALL"
    " SELECT 'local:' || l.id, l.title, l.body, l.url, l.priority, 1, l.valid_from,"
    "  l.valid_until FROM local.announcements l)"
    " WHERE coalesce(valid_from, :now) <= :now AND coalesce(valid_until, :now + 1) > :now%s"
    " ORDER BY priority DESC, coalesce(valid_from, 0) DESC, title COLLATE NOCASE%s";
/* clang-format on */

static void fill_announcement(sqlite3_stmt *st, struct arena *a, void *item)
{
	*(struct announcement *)item =
	    (struct announcement){.id = sql_dup_column(a, st, 0),
				  .title = sql_dup_column(a, st, 1),
				  .body = sql_dup_column(a, st, 2),
				  .url = sql_dup_column(a, st, 3),
				  .priority = sqlite3_column_int(st, 4),
				  .local = sqlite3_column_int(st, 5),
				  .valid_from = sqlite3_column_int64(st, 6),
				  .valid_until = sqlite3_column_int64(st, 7)};
}

/* The board, or (urgent_only) its first urgent announcement at most. */
static bool read_board(struct store *s, int64_t now, const char *municipality, const char *lang,
		       bool urgent_only, struct announcement_list *out, char **err)
{
	*out = (struct announcement_list){0};
	char sql[sizeof(board_sql) + 64];
	snprintf(sql, sizeof(sql), board_sql, urgent_only ? " AND priority = 3" : "",
		 urgent_only ? " LIMIT 1" : "");
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL) != SQLITE_OK)
		return store_error(s, _("reading the board"), err);
	bool ok = sql_bind_int(st, ":now", now) && sql_bind_text(st, ":lang", lang ? lang : "fi") &&
		  sql_bind_text(st, ":municipality", municipality) &&
		  sql_collect(st, &out->arena, (void **)&out->v, &out->n, sizeof(*out->v),
			      fill_announcement);
	if (!ok) {
		store_error(s, _("reading the board"), err);
		announcement_list_free(out);
	}
	sqlite3_finalize(st);
	return ok;
}

bool model_board(struct store *s, int64_t now, const char *municipality, const char *lang,
		 struct announcement_list *out, char **err)
{
	return read_board(s, now, municipality, lang, false, out, err);
}

bool model_urgent(struct store *s, int64_t now, const char *municipality, const char *lang,
		  char *title, size_t size)
{
	struct announcement_list l;
	char *err = NULL;
	bool found = read_board(s, now, municipality, lang, true, &l, &err) && l.n > 0;
	snprintf(title, size, "%s", found && l.v[0].title ? l.v[0].title : "");
	announcement_list_free(&l);
	free(err);
	return found;
}

void announcement_list_free(struct announcement_list *l)
{
	arena_free(&l->arena);
	*l = (struct announcement_list){0};
}

static void fill_source(sqlite3_stmt *st, struct arena *a, void *item)
{
	*(struct source_summary *)item =
	    (struct source_summary){.name = sql_dup_column(a, st, 0),
				    .feed_id = sql_dup_column(a, st, 1),
				    .publisher = sql_dup_column(a, st, 2),
				    .sequence = sqlite3_column_int64(st, 3),
				    .fetched_at = sqlite3_column_int64(st, 4),
				    .generated_at = sqlite3_column_int64(st, 5),
				    .expires_at = sqlite3_column_int64(st, 6)};
}

static const char sources_sql[] =
    "SELECT name, feed_id, " ML("publisher_name") ", sequence, fetched_at, generated_at,"
						  " expires_at FROM sources ORDER BY name";

bool model_sources(struct store *s, const char *lang, struct source_list *out, char **err)
{
	*out = (struct source_list){0};
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(store_db(s), sources_sql, -1, &st, NULL) != SQLITE_OK)
		return store_error(s, _("reading the sources"), err);
	bool ok =
	    sql_bind_text(st, ":lang", lang ? lang : "fi") &&
	    sql_collect(st, &out->arena, (void **)&out->v, &out->n, sizeof(*out->v), fill_source);
	sqlite3_finalize(st);
	if (!ok) {
		store_error(s, _("reading the sources"), err);
		source_list_free(out);
	}
	return ok;
}

const char *model_local_problem(const struct store *s)
{
	return store_local_problem(s);
}

void model_counts(struct store *s, long *activities, long *announcements)
{
	*activities = (long)model_count(
	    s, "SELECT count(*) FROM listing WHERE lang = 'fi' AND " NOT_HIDDEN("source", "id"));
	*announcements = (long)model_count(s, "SELECT (SELECT count(*) FROM announcements) +"
					      " (SELECT count(*) FROM local.announcements)");
}

void source_list_free(struct source_list *l)
{
	arena_free(&l->arena);
	*l = (struct source_list){0};
}

int64_t model_effective_now(struct store *s, int64_t now, bool *unsure)
{
	int64_t newest = model_count(s, "SELECT coalesce(max(generated_at), 0) FROM sources");
	*unsure = newest > now;
	return *unsure ? newest : now;
}
