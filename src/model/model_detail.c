/* SPDX-License-Identifier: EUPL-1.2 */
/* model_detail: the detail of one activity, the category menus, and how
 * current the data is. */
#include "config.h"

#include "model/model.h"

#include "local/local.h"
#include "store/model_sql.h"
#include "sync/status_file.h"
#include "store/store.h"
#include "util/i18n.h"

#include <jansson.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The columns of detail_sql, in order. */
enum detail_column {
	D_SOURCE,
	D_ID,
	D_TYPE,
	D_NAME,
	D_SHORT_DESCRIPTION,
	D_DESCRIPTION,
	D_SCHEDULE_TEXT,
	D_ORGANIZER,
	D_ORGANIZER_PHONE,
	D_ORGANIZER_URL,
	D_ORGANIZER_EMAIL,
	D_PLACE,
	D_STREET_ADDRESS,
	D_LOCALITY,
	D_POSTAL_CODE,
	D_PLACE_EXTRA,
	D_ACCESSIBILITY,
	D_ATTENDANCE_MODE,
	D_ONLINE_URL,
	D_PHONE,
	D_INFO_URL,
	D_EVENT_STATUS,
	D_HAS_OFFERS,
	D_IS_FREE,
	D_PRICE,
	D_OFFERS_INFO_URL,
	D_HAS_REGISTRATION,
	D_REGISTRATION_REQUIRED,
	D_REGISTRATION_URL,
	D_REGISTRATION_PHONE,
	D_REGISTRATION_EMAIL,
	D_REGISTRATION_INFO,
	D_MEMBERSHIP_REQUIRED,
	D_IN_LANGUAGE,
	D_VALID_FROM,
	D_VALID_UNTIL,
	D_ROWID,
};

/* clang-format off */
static const char detail_sql[] =
    "SELECT a.source, a.id, a.type,"
    "  " ML("a.name") ", " ML("a.short_description") ","
    "  " ML("a.description") ", " ML("a.schedule_text") ","
    "  " ML("g.name") ", g.phone, g.url, g.email,"
    "  " ML("p.name") ", " ML("p.street_address") ", " ML("p.address_locality") ","
    "  p.postal_code, " ML("p.extra_info") ", coalesce(p.accessibility, 0),"
    "  a.attendance_mode, a.online_url, a.phone, a.info_url, a.event_status,"
    "  a.has_offers, a.is_free, " ML("a.price") ", a.offers_info_url,"
    "  a.has_registration, a.registration_required, a.registration_url,"
    "  a.registration_phone, a.registration_email, " ML("a.registration_info") ","
    "  a.membership_required, a.in_language, a.valid_from, a.valid_until, a.rowid"
    " FROM activities a"
    " LEFT JOIN organizations g ON g.source = a.source AND g.id = a.organizer_id"
    " LEFT JOIN places p ON p.source = a.source AND p.id = a.place_id"
    " WHERE a.source = :source AND a.id = :id"
    "  AND " NOT_HIDDEN("a.source", "a.id");
/* clang-format on */

static void fill_detail(sqlite3_stmt *st, struct arena *a, struct activity_detail *d)
{
	static const struct {
		enum detail_column column;
		size_t offset;
	} texts[] = {
#define TEXT(c, field) {c, offsetof(struct activity_detail, field)}
	    TEXT(D_SOURCE, source),
	    TEXT(D_ID, id),
	    TEXT(D_TYPE, type),
	    TEXT(D_NAME, name),
	    TEXT(D_SHORT_DESCRIPTION, short_description),
	    TEXT(D_DESCRIPTION, description),
	    TEXT(D_SCHEDULE_TEXT, schedule_text),
	    TEXT(D_ORGANIZER, organizer),
	    TEXT(D_ORGANIZER_PHONE, organizer_phone),
	    TEXT(D_ORGANIZER_URL, organizer_url),
	    TEXT(D_ORGANIZER_EMAIL, organizer_email),
	    TEXT(D_PLACE, place),
	    TEXT(D_STREET_ADDRESS, street_address),
	    TEXT(D_LOCALITY, locality),
	    TEXT(D_POSTAL_CODE, postal_code),
	    TEXT(D_PLACE_EXTRA, place_extra),
	    TEXT(D_ATTENDANCE_MODE, attendance_mode),
	    TEXT(D_ONLINE_URL, online_url),
	    TEXT(D_PHONE, phone),
	    TEXT(D_INFO_URL, info_url),
	    TEXT(D_EVENT_STATUS, event_status),
	    TEXT(D_PRICE, price),
	    TEXT(D_OFFERS_INFO_URL, offers_info_url),
	    TEXT(D_REGISTRATION_URL, registration_url),
	    TEXT(D_REGISTRATION_PHONE, registration_phone),
	    TEXT(D_REGISTRATION_EMAIL, registration_email),
	    TEXT(D_REGISTRATION_INFO, registration_info),
#undef TEXT
	};
	for (size_t i = 0; i < sizeof(texts) / sizeof(*texts); i++)
		*(const char **)((char *)d + texts[i].offset) =
		    sql_dup_column(a, st, (int)texts[i].column);
	d->accessibility = (unsigned)sqlite3_column_int(st, D_ACCESSIBILITY);
	d->has_offers = sqlite3_column_int(st, D_HAS_OFFERS);
	d->is_free = sqlite3_column_int(st, D_IS_FREE);
	d->has_registration = sqlite3_column_int(st, D_HAS_REGISTRATION);
	d->registration_required = sqlite3_column_int(st, D_REGISTRATION_REQUIRED);
	d->membership_required = sqlite3_column_int(st, D_MEMBERSHIP_REQUIRED);
	json_t *langs = json_loads((const char *)sqlite3_column_text(st, D_IN_LANGUAGE), 0, NULL);
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
	d->valid_from = sqlite3_column_int64(st, D_VALID_FROM);
	d->valid_until = sqlite3_column_int64(st, D_VALID_UNTIL);
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
	if (!ok ||
	    sqlite3_prepare_v2(store_db(s),
			       "SELECT start, coalesce(end, 0), status, " ML(
				   "note") " FROM occurrences"
					   " WHERE activity = :row AND coalesce(end, start) >= :now"
					   " ORDER BY start LIMIT 8",
			       -1, &st, NULL) != SQLITE_OK)
		return false;
	ok = sql_bind_int(st, ":row", row) && sql_bind_int(st, ":now", now) &&
	     sql_bind_text(st, ":lang", lang);
	while (ok && sqlite3_step(st) == SQLITE_ROW) {
		d->next[d->n_next].start = sqlite3_column_int64(st, 0);
		d->next[d->n_next].end = sqlite3_column_int64(st, 1);
		d->next[d->n_next].status = sql_dup_column(&d->arena, st, 2);
		d->next[d->n_next].note = sql_dup_column(&d->arena, st, 3);
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
		return store_error(s, _("reading an activity"), err);
	bool ok = sql_bind_text(st, ":source", source) && sql_bind_text(st, ":id", id) &&
		  sql_bind_text(st, ":lang", lang ? lang : "fi");
	int rc = ok ? sqlite3_step(st) : SQLITE_ERROR;
	int64_t row = 0;
	if (rc == SQLITE_ROW) {
		fill_detail(st, &out->arena, out);
		row = sqlite3_column_int64(st, D_ROWID);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return false; /* gone (a sync removed it) or hidden */
	if (rc != SQLITE_ROW || !fill_related(s, row, lang ? lang : "fi", now, out)) {
		store_error(s, _("reading an activity"), err);
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
			      "  AND " NOT_HIDDEN(
				  "a.source",
				  "a.id") "  AND (EXISTS (SELECT 1 FROM occurrences o WHERE "
					  "o.activity = "
					  "a.rowid"
					  "        AND coalesce(o.end, o.start) >= :now)"
					  "   OR (a.undated AND coalesce(a.valid_until, :now) >= "
					  ":now))"
					  " GROUP BY c.id ORDER BY label COLLATE NOCASE",
		-1, &st, NULL) != SQLITE_OK)
		return store_error(s, _("reading the categories"), err);
	bool ok =
	    sql_bind_text(st, ":usage", usage == USAGE_AUDIENCE ? "audience" : "topic") &&
	    sql_bind_text(st, ":lang", lang ? lang : "fi") && sql_bind_int(st, ":now", now) &&
	    sql_collect(st, &out->arena, (void **)&out->v, &out->n, sizeof(*out->v), fill_category);
	sqlite3_finalize(st);
	if (!ok) {
		store_error(s, _("reading the categories"), err);
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

long model_change_stamp(struct store *s)
{
	return model_data_version(s) * 31L + (long)sqlite3_total_changes(store_db(s));
}

/* sql, with :source and :id bound; NULL when it cannot be prepared. */
static sqlite3_stmt *about_activity(struct store *s, const char *sql, const char *source,
				    const char *id)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sql_bind_text(st, ":source", source);
	sql_bind_text(st, ":id", id);
	return st;
}

bool model_activity_facts(struct store *s, const char *source, const char *id,
			  struct activity_facts *out)
{
	*out = (struct activity_facts){0};
	sqlite3_stmt *st = about_activity(s,
					  "SELECT json_extract(a.name, '$.fi'), a.organizer_id,"
					  " json_extract(o.name, '$.fi')"
					  " FROM activities a LEFT JOIN organizations o"
					  " ON o.source = a.source AND o.id = a.organizer_id"
					  " WHERE a.source = :source AND a.id = :id",
					  source, id);
	if (!st)
		return false;
	bool found = sqlite3_step(st) == SQLITE_ROW;
	if (found) {
		out->name = sql_dup_column(&out->arena, st, 0);
		out->organizer_id = sql_dup_column(&out->arena, st, 1);
		out->organizer = sql_dup_column(&out->arena, st, 2);
	}
	sqlite3_finalize(st);
	if (!found ||
	    !(st = about_activity(s,
				  "SELECT ac.category_id, ac.usage, json_extract(c.name, '$.fi')"
				  " FROM activities a JOIN activity_categories ac"
				  " ON ac.activity = a.rowid LEFT JOIN categories c"
				  " ON c.source = a.source AND c.id = ac.category_id"
				  " WHERE a.source = :source AND a.id = :id",
				  source, id)))
		return found;
	size_t cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (!arena_room(&out->arena, (void **)&out->categories, out->n_categories, &cap,
				sizeof(*out->categories)))
			break;
		out->categories[out->n_categories++] = (struct activity_category){
		    sql_dup_column(&out->arena, st, 0), sql_dup_column(&out->arena, st, 1),
		    sql_dup_column(&out->arena, st, 2)};
	}
	sqlite3_finalize(st);
	return true;
}

void activity_facts_free(struct activity_facts *f)
{
	arena_free(&f->arena);
	*f = (struct activity_facts){0};
}

static void fill_date(sqlite3_stmt *st, struct arena *a, void *item)
{
	struct activity_date *d = item;
	d->start = sqlite3_column_int64(st, 0);
	d->end = sqlite3_column_int64(st, 1);
	d->status = sql_dup_column(a, st, 2);
	d->note = sql_dup_column(a, st, 3);
}

bool model_activity_dates(struct store *s, int64_t row, const char *lang, int64_t from,
			  int64_t until, struct activity_dates *out, char **err)
{
	*out = (struct activity_dates){0};
	*err = NULL;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(
		store_db(s),
		"SELECT start, coalesce(end, 0), status, " ML(
		    "note") " FROM occurrences"
			    " WHERE activity = :row AND coalesce(end, start) >= :from"
			    " AND start < :until ORDER BY start",
		-1, &st, NULL) != SQLITE_OK)
		return store_error(s, _("reading an activity"), err);
	bool ok =
	    sql_bind_int(st, ":row", row) && sql_bind_int(st, ":from", from) &&
	    sql_bind_int(st, ":until", until) && sql_bind_text(st, ":lang", lang ? lang : "fi") &&
	    sql_collect(st, &out->arena, (void **)&out->v, &out->n, sizeof(*out->v), fill_date);
	sqlite3_finalize(st);
	if (!ok) {
		activity_dates_free(out);
		return store_error(s, _("reading an activity"), err);
	}
	return true;
}

void activity_dates_free(struct activity_dates *d)
{
	arena_free(&d->arena);
	*d = (struct activity_dates){0};
}
