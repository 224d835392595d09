/* model_detail: the detail of one activity, the category menus, and how
 * current the data is. */
#include "config.h"

#include "model.h"

#include "local.h"
#include "model_sql.h"
#include "status_file.h"
#include "store.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char detail_sql[] =
    "SELECT a.source, a.id, a.type, " ML("a.name") ", " ML(
	"a.short_description") ","
			       "  " ML("a.description") ", " ML("a.schedule_text") ", " ML(
				   "g.name") ", g.phone, g.url,"
					     "  g.email, " ML("p.name") ", " ML("p.street_address") ", " ML(
						 "p.address_locality") ","
								       "  p.postal_code, " ML(
									   "p.extra_info") ", "
											   "coalesc"
											   "e(p."
											   "accessi"
											   "bility,"
											   " 0), "
											   "a."
											   "attenda"
											   "nce_"
											   "mode,"
											   "  "
											   "a."
											   "online_"
											   "url, "
											   "a."
											   "phone, "
											   "a.info_"
											   "url, "
											   "a."
											   "event_"
											   "status,"
											   " a.has_"
											   "offers,"
											   " a.is_"
											   "free,"
											   "  " ML(
											       "a."
											       "pri"
											       "ce") ", a.offers_info_url, a.has_registration, a.registration_required,"
												     "  a.registration_url, a.registration_phone, a.registration_email,"
												     "  " ML(
													 "a.registration_info") ", a.membership_required, a.in_language, a.valid_from,"
																"  a.valid_until, a.rowid"
																" FROM activities a"
																" LEFT JOIN organizations g ON g.source = a.source AND g.id = a.organizer_id"
																" LEFT JOIN places p ON p.source = a.source AND p.id = a.place_id"
																" WHERE a.source = :source AND a.id = :id"
																"  AND a.id NOT IN (SELECT activity_id FROM local.hidden_activities)";

static void fill_detail(sqlite3_stmt *st, struct arena *a, struct activity_detail *d)
{
	const char **text[] = {&d->source,
			       &d->id,
			       &d->type,
			       &d->name,
			       &d->short_description,
			       &d->description,
			       &d->schedule_text,
			       &d->organizer,
			       &d->organizer_phone,
			       &d->organizer_url,
			       &d->organizer_email,
			       &d->place,
			       &d->street_address,
			       &d->locality,
			       &d->postal_code,
			       &d->place_extra};
	for (int i = 0; i < 16; i++)
		*text[i] = sql_dup_column(a, st, i);
	d->accessibility = (unsigned)sqlite3_column_int(st, 16);
	d->attendance_mode = sql_dup_column(a, st, 17);
	d->online_url = sql_dup_column(a, st, 18);
	d->phone = sql_dup_column(a, st, 19);
	d->info_url = sql_dup_column(a, st, 20);
	d->event_status = sql_dup_column(a, st, 21);
	d->has_offers = sqlite3_column_int(st, 22);
	d->is_free = sqlite3_column_int(st, 23);
	d->price = sql_dup_column(a, st, 24);
	d->offers_info_url = sql_dup_column(a, st, 25);
	d->has_registration = sqlite3_column_int(st, 26);
	d->registration_required = sqlite3_column_int(st, 27);
	d->registration_url = sql_dup_column(a, st, 28);
	d->registration_phone = sql_dup_column(a, st, 29);
	d->registration_email = sql_dup_column(a, st, 30);
	d->registration_info = sql_dup_column(a, st, 31);
	d->membership_required = sqlite3_column_int(st, 32);
	json_t *langs = json_loads((const char *)sqlite3_column_text(st, 33), 0, NULL);
	d->languages = arena_alloc(a, (json_array_size(langs) + 1) * sizeof(*d->languages));
	size_t i;
	json_t *v;
	json_array_foreach(langs, i, v)
	{
		if (d->languages && json_is_string(v))
			d->languages[d->n_languages++] =
			    arena_strndup(a, json_string_value(v), json_string_length(v));
	}
	json_decref(langs);
	d->valid_from = sqlite3_column_int64(st, 34);
	d->valid_until = sqlite3_column_int64(st, 35);
}

static void fill_name(sqlite3_stmt *st, struct arena *a, void *item)
{
	*(const char **)item = sql_dup_column(a, st, 0);
}

/* The category names and the coming occurrences of activity row. */
static bool fill_related(struct store *s, int64_t row, const char *lang, int64_t now,
			 struct activity_detail *d)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(
		store_db(s),
		"SELECT " ML(
		    "c.name") " FROM activity_categories ac"
			      " JOIN activities a ON a.rowid = ac.activity"
			      " JOIN categories c ON c.source = a.source AND c.id = ac.category_id"
			      " WHERE ac.activity = :row ORDER BY ac.usage DESC, 1",
		-1, &st, NULL) != SQLITE_OK)
		return false;
	bool ok = sql_bind_int(st, ":row", row) && sql_bind_text(st, ":lang", lang) &&
		  sql_collect(st, &d->arena, (void **)&d->categories, &d->n_categories,
			      sizeof(*d->categories), fill_name);
	sqlite3_finalize(st);
	if (!ok || sqlite3_prepare_v2(store_db(s),
				      "SELECT start, coalesce(end, 0), status FROM occurrences"
				      " WHERE activity = :row AND coalesce(end, start) >= :now"
				      " ORDER BY start LIMIT 8",
				      -1, &st, NULL) != SQLITE_OK)
		return false;
	ok = sql_bind_int(st, ":row", row) && sql_bind_int(st, ":now", now);
	while (ok && sqlite3_step(st) == SQLITE_ROW) {
		d->next[d->n_next].start = sqlite3_column_int64(st, 0);
		d->next[d->n_next].end = sqlite3_column_int64(st, 1);
		d->next[d->n_next].status = sql_dup_column(&d->arena, st, 2);
		d->n_next++;
	}
	sqlite3_finalize(st);
	return ok;
}

bool model_activity(struct store *s, const char *source, const char *id, const char *lang,
		    int64_t now, struct activity_detail *out, char **err)
{
	*out = (struct activity_detail){0};
	*err = NULL;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(store_db(s), detail_sql, -1, &st, NULL) != SQLITE_OK)
		return store_error(s, "reading an activity", err);
	bool ok = sql_bind_text(st, ":source", source) && sql_bind_text(st, ":id", id) &&
		  sql_bind_text(st, ":lang", lang ? lang : "fi");
	int rc = ok ? sqlite3_step(st) : SQLITE_ERROR;
	int64_t row = 0;
	if (rc == SQLITE_ROW) {
		fill_detail(st, &out->arena, out);
		row = sqlite3_column_int64(st, 36);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return false; /* gone (a sync removed it) or hidden */
	if (rc != SQLITE_ROW || !fill_related(s, row, lang ? lang : "fi", now, out)) {
		store_error(s, "reading an activity", err);
		activity_detail_free(out);
		return false;
	}
	return true;
}

void activity_detail_free(struct activity_detail *d)
{
	arena_free(&d->arena);
	*d = (struct activity_detail){0};
}

static void fill_category(sqlite3_stmt *st, struct arena *a, void *item)
{
	*(struct category_entry *)item =
	    (struct category_entry){.id = sql_dup_column(a, st, 0),
				    .name = sql_dup_column(a, st, 1),
				    .upcoming = (long)sqlite3_column_int64(st, 2)};
}

bool model_categories(struct store *s, enum category_usage usage, const char *lang, int64_t now,
		      struct category_list *out, char **err)
{
	*out = (struct category_list){0};
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(
		store_db(s),
		"SELECT c.id, " ML(
		    "c.name") " AS label, count(DISTINCT a.rowid) FROM categories c"
			      " JOIN activity_categories ac ON ac.category_id = c.id"
			      " JOIN activities a ON a.rowid = ac.activity AND a.source = c.source"
			      " WHERE c.usage = :usage"
			      "  AND a.id NOT IN (SELECT activity_id FROM local.hidden_activities)"
			      "  AND (EXISTS (SELECT 1 FROM occurrences o WHERE o.activity = "
			      "a.rowid"
			      "        AND coalesce(o.end, o.start) >= :now)"
			      "   OR (a.undated AND coalesce(a.valid_until, :now) >= :now))"
			      " GROUP BY c.id ORDER BY label COLLATE NOCASE",
		-1, &st, NULL) != SQLITE_OK)
		return store_error(s, "reading the categories", err);
	bool ok =
	    sql_bind_text(st, ":usage", usage == USAGE_AUDIENCE ? "audience" : "topic") &&
	    sql_bind_text(st, ":lang", lang ? lang : "fi") && sql_bind_int(st, ":now", now) &&
	    sql_collect(st, &out->arena, (void **)&out->v, &out->n, sizeof(*out->v), fill_category);
	sqlite3_finalize(st);
	if (!ok) {
		store_error(s, "reading the categories", err);
		category_list_free(out);
	}
	return ok;
}

void category_list_free(struct category_list *l)
{
	arena_free(&l->arena);
	*l = (struct category_list){0};
}

void model_freshness(struct store *s, const struct settings *cfg, const char *data_dir, int64_t now,
		     const char *lang, struct freshness *out)
{
	*out = (struct freshness){0};
	struct source_list sources;
	char *err = NULL;
	bool have = model_sources(s, lang, &sources, &err);
	free(err);
	int64_t newest_error_at = 0;
	for (size_t i = 0; i < cfg->n_sources; i++) {
		const struct source_config *src = &cfg->sources[i];
		struct source_status st;
		status_file_read(data_dir, src->name, &st);
		if (st.last_success > out->last_success)
			out->last_success = st.last_success;
		if (st.last_attempt > out->last_attempt)
			out->last_attempt = st.last_attempt;
		if (st.error && st.last_attempt >= newest_error_at) {
			out->failing = true;
			newest_error_at = st.last_attempt;
			snprintf(out->error, sizeof(out->error), "%s", st.error);
		}
		if (st.last_success && now - st.last_success > 2 * src->interval + 60)
			out->stale = true;
		source_status_free(&st);
	}
	for (size_t i = 0; have && i < sources.n; i++) {
		if (sources.v[i].expires_at && sources.v[i].expires_at < now)
			out->expired = true;
		if (sources.v[i].publisher && !*out->publisher)
			snprintf(out->publisher, sizeof(out->publisher), "%s",
				 sources.v[i].publisher);
	}
	if (have)
		source_list_free(&sources);
	char *note = local_setting(s, "restored_note");
	if (note)
		snprintf(out->restored, sizeof(out->restored), "%s", note);
	free(note);
}

long model_data_version(struct store *s)
{
	/* A cache replaced by a sync (a damaged one set aside) is opened anew
	 * and counts as a change. */
	long generation = store_follow_cache(s);
	return generation * 1000000007L +
	       (long)model_count(s, "PRAGMA main.data_version") * 1000003L +
	       (long)model_count(s, "PRAGMA local.data_version");
}
