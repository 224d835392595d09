/* SPDX-License-Identifier: EUPL-1.2 */
/* store_schema: the migrations of cache.db and local.db; migration i brings
 * a database from user_version i to i + 1. Append, never edit: each is
 * frozen text, never built from the live statements. */
#ifndef AULATAULU_STORE_SCHEMA_H
#define AULATAULU_STORE_SCHEMA_H

/* Multilingual text is stored as JSON {"fi": .., "sv": .., "en": ..}. */
static const char *const cache_migrations[] = {
    "CREATE TABLE sources("
    "  name TEXT PRIMARY KEY, feed_id TEXT, sequence INTEGER, etag TEXT,"
    "  last_modified TEXT, fetched_at INTEGER, generated_at INTEGER,"
    "  expires_at INTEGER, timezone TEXT, publisher_name TEXT, publisher_url TEXT);"
    "CREATE TABLE categories("
    "  source TEXT NOT NULL, id TEXT NOT NULL, usage TEXT NOT NULL, name TEXT NOT NULL,"
    "  parent TEXT, PRIMARY KEY (source, id));"
    "CREATE TABLE organizations("
    "  source TEXT NOT NULL, id TEXT NOT NULL, kind TEXT, name TEXT NOT NULL,"
    "  description TEXT, url TEXT, phone TEXT, email TEXT, PRIMARY KEY (source, id));"
    "CREATE TABLE places("
    "  source TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL, street_address TEXT,"
    "  address_locality TEXT, postal_code TEXT, municipality_code TEXT,"
    "  accessibility INTEGER NOT NULL DEFAULT 0, extra_info TEXT, PRIMARY KEY (source, id));"
    "CREATE TABLE activities("
    "  rowid INTEGER PRIMARY KEY, source TEXT NOT NULL, id TEXT NOT NULL, type TEXT,"
    "  name TEXT NOT NULL, short_description TEXT, description TEXT, schedule_text TEXT,"
    "  organizer_id TEXT, place_id TEXT, attendance_mode TEXT, online_url TEXT, phone TEXT,"
    "  info_url TEXT, event_status TEXT, in_language TEXT, has_offers INTEGER,"
    "  is_free INTEGER, price TEXT, offers_info_url TEXT, has_registration INTEGER,"
    "  registration_required INTEGER, registration_url TEXT, registration_phone TEXT,"
    "  registration_email TEXT, registration_info TEXT, membership_required INTEGER,"
    "  valid_from INTEGER, valid_until INTEGER, updated_at INTEGER,"
    "  has_schedule INTEGER NOT NULL DEFAULT 0, UNIQUE (source, id));"
    "CREATE TABLE activity_categories("
    "  activity INTEGER NOT NULL REFERENCES activities(rowid) ON DELETE CASCADE,"
    "  category_id TEXT NOT NULL, usage TEXT NOT NULL);"
    "CREATE INDEX activity_categories_by_category ON activity_categories(category_id);"
    "CREATE INDEX activity_categories_by_activity ON activity_categories(activity);"
    "CREATE TABLE occurrences("
    "  activity INTEGER NOT NULL REFERENCES activities(rowid) ON DELETE CASCADE,"
    "  start INTEGER NOT NULL, end INTEGER, status TEXT);"
    "CREATE INDEX occurrences_by_start ON occurrences(start);"
    "CREATE INDEX occurrences_by_activity ON occurrences(activity, start);"
    "CREATE TABLE announcements("
    "  source TEXT NOT NULL, id TEXT NOT NULL, title TEXT NOT NULL, body TEXT,"
    "  priority INTEGER NOT NULL, valid_from INTEGER, valid_until INTEGER,"
    "  publisher_id TEXT, municipality_codes TEXT, url TEXT, PRIMARY KEY (source, id));"
    /* Search forgives case and accents: "aiti" finds "äiti". */
    "CREATE VIRTUAL TABLE activity_search USING fts5("
    "  name, description, tokenize = 'unicode61 remove_diacritics 2');",
    /* 2: activities with no dates (ongoing, or shown for a validity window)
     * found by an index, not by reading every wide row. */
    "ALTER TABLE activities ADD COLUMN undated INTEGER NOT NULL DEFAULT 0;"
    "UPDATE activities SET undated = NOT has_schedule AND NOT EXISTS"
    "  (SELECT 1 FROM occurrences o WHERE o.activity = activities.rowid);"
    "CREATE INDEX activities_undated ON activities(rowid) WHERE undated;",
    /* 3: the listing's window scan answered from the index alone. */
    "CREATE INDEX occurrences_window ON occurrences(start, end, activity, status);"
    "DROP INDEX occurrences_by_start;",
    /* 4: the listing's texts denormalized (now written by store_rows.c). */
    "CREATE TABLE listing("
    "  lang TEXT NOT NULL, activity INTEGER NOT NULL, source TEXT NOT NULL, id TEXT NOT NULL,"
    "  name TEXT, organizer TEXT, place TEXT, type TEXT, attendance_mode TEXT,"
    "  event_status TEXT, is_free INTEGER, has_offers INTEGER, categories TEXT,"
    "  PRIMARY KEY (lang, activity)) WITHOUT ROWID;"
    /* clang-format off */
    "INSERT INTO listing"
    " SELECT l.lang, a.rowid, a.source, a.id,"
    "  coalesce(nullif(json_extract(a.name, '$.' || l.lang), ''),"
    "   json_extract(a.name, '$.fi')),"
    "  coalesce(nullif(json_extract(g.name, '$.' || l.lang), ''),"
    "   json_extract(g.name, '$.fi')),"
    "  coalesce(nullif(json_extract(p.name, '$.' || l.lang), ''),"
    "   json_extract(p.name, '$.fi')),"
    "  a.type, a.attendance_mode, a.event_status, a.is_free, a.has_offers,"
    "  (SELECT group_concat(category_id, char(10))"
    "   FROM activity_categories c WHERE c.activity = a.rowid)"
    " FROM activities a"
    " JOIN (SELECT 'fi' AS lang UNION ALL SELECT 'sv' UNION ALL SELECT 'en') l"
    " LEFT JOIN organizations g ON g.source = a.source AND g.id = a.organizer_id"
    " LEFT JOIN places p ON p.source = a.source AND p.id = a.place_id ;",
    /* clang-format on */
    /* 5: the search over name, description, organiser, topics and life
     * situations, and place, in every language, with the stemming
     * tokenizer (search_tokenizer.c). */
    /* clang-format off */
    "DROP TABLE activity_search;"
    "CREATE VIRTUAL TABLE activity_search USING fts5("
    "  name, description, organizer, categories, place, tokenize = 'aulataulu');"
    "INSERT INTO activity_search (rowid, name, description, organizer, categories, place)"
    " SELECT a.rowid,"
    "  coalesce(json_extract(a.name, '$.fi'), '') || ' ' ||"
    "  coalesce(json_extract(a.name, '$.sv'), '') || ' ' ||"
    "  coalesce(json_extract(a.name, '$.en'), ''),"
    "  coalesce(json_extract(a.short_description, '$.fi'), '') || ' ' ||"
    "  coalesce(json_extract(a.short_description, '$.sv'), '') || ' ' ||"
    "  coalesce(json_extract(a.short_description, '$.en'), '') || ' ' ||"
    "  coalesce(json_extract(a.description, '$.fi'), '') || ' ' ||"
    "  coalesce(json_extract(a.description, '$.sv'), '') || ' ' ||"
    "  coalesce(json_extract(a.description, '$.en'), ''),"
    "  coalesce(json_extract(g.name, '$.fi'), '') || ' ' ||"
    "  coalesce(json_extract(g.name, '$.sv'), '') || ' ' ||"
    "  coalesce(json_extract(g.name, '$.en'), ''),"
    "  (SELECT group_concat("
    "    coalesce(json_extract(c.name, '$.fi'), '') || ' ' ||"
    "    coalesce(json_extract(c.name, '$.sv'), '') || ' ' ||"
    "    coalesce(json_extract(c.name, '$.en'), ''), ' ')"
    "   FROM activity_categories ac JOIN categories c"
    "   ON c.source = a.source AND c.id = ac.category_id"
    "   WHERE ac.activity = a.rowid),"
    "  coalesce(json_extract(p.name, '$.fi'), '') || ' ' ||"
    "  coalesce(json_extract(p.name, '$.sv'), '') || ' ' ||"
    "  coalesce(json_extract(p.name, '$.en'), '') || ' ' ||"
    "  coalesce(json_extract(p.street_address, '$.fi'), '') || ' ' ||"
    "  coalesce(json_extract(p.street_address, '$.sv'), '') || ' ' ||"
    "  coalesce(json_extract(p.street_address, '$.en'), '') || ' ' ||"
    "  coalesce(json_extract(p.address_locality, '$.fi'), '') || ' ' ||"
    "  coalesce(json_extract(p.address_locality, '$.sv'), '') || ' ' ||"
    "  coalesce(json_extract(p.address_locality, '$.en'), '')"
    " FROM activities a"
    " LEFT JOIN organizations g ON g.source = a.source AND g.id = a.organizer_id"
    " LEFT JOIN places p ON p.source = a.source AND p.id = a.place_id;",
    /* clang-format on */
    /* 6: the search keeps which column a word is in, not where in it
     * (nothing asks for phrases), and indexes every one- and two-letter
     * prefix: the first letters typed match most activities, and a search
     * as you type must answer them at once. */
    "CREATE VIRTUAL TABLE search_6 USING fts5("
    "  name, description, organizer, categories, place, tokenize = 'aulataulu',"
    "  detail = column, prefix = '1 2');"
    "INSERT INTO search_6 (rowid, name, description, organizer, categories, place)"
    " SELECT rowid, name, description, organizer, categories, place FROM activity_search;"
    "DROP TABLE activity_search;"
    "ALTER TABLE search_6 RENAME TO activity_search;",
    /* 7: a source in a format with no version of its own (a spreadsheet)
     * is unchanged while its document is. */
    "ALTER TABLE sources ADD COLUMN content_hash TEXT;",
    /* 8: each activity's digest (activity_digest.h): a sync writes only
     * the activities whose digest changed. Rows from before have none and
     * are written once more by the next sync. The index answers a sync's
     * "what is stored" without reading the wide rows. */
    "ALTER TABLE activities ADD COLUMN digest BLOB;"
    "CREATE INDEX activities_digest ON activities(source, id, digest);",
    /* 9: what differs on one date (an iCalendar date's own name or
     * place), as multilingual text. */
    "ALTER TABLE occurrences ADD COLUMN note TEXT;",
};

static const char *const local_migrations[] = {
    "CREATE TABLE announcements("
    "  id INTEGER PRIMARY KEY, title TEXT NOT NULL, body TEXT, lang TEXT,"
    "  priority INTEGER NOT NULL DEFAULT 1, valid_from INTEGER, valid_until INTEGER,"
    "  url TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);"
    "CREATE TABLE hidden_activities("
    "  activity_id TEXT PRIMARY KEY, hidden_at INTEGER NOT NULL);"
    "CREATE TABLE settings(key TEXT PRIMARY KEY, value);"
    "CREATE TABLE audit_log("
    "  id INTEGER PRIMARY KEY, at INTEGER NOT NULL, origin TEXT NOT NULL,"
    "  action TEXT NOT NULL, detail TEXT);",
    /* 2: hidden activities keyed by source and id: the same id in two
     * sources was hidden in both. Rows from before keep source '', which
     * still hides the id in every source (their source is not known here). */
    "CREATE TABLE hidden_by_source("
    "  source TEXT NOT NULL, activity_id TEXT NOT NULL, hidden_at INTEGER NOT NULL,"
    "  PRIMARY KEY (source, activity_id));"
    "INSERT INTO hidden_by_source SELECT '', activity_id, hidden_at FROM hidden_activities;"
    "DROP TABLE hidden_activities;"
    "ALTER TABLE hidden_by_source RENAME TO hidden_activities;",
};

#endif
