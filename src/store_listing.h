/* store_listing: the SQL that fills the listing and search tables on every
 * apply.
 * (Cache migration 4 keeps its own frozen copy: a migration never changes
 * with the live statements.) */
#ifndef AULATAULU_STORE_LISTING_H
#define AULATAULU_STORE_LISTING_H

/* The listing's rows of the activities matching `where`, one for each UI
 * language, names resolved (falling back to Finnish) and categories joined:
 * what the listing shows, read from one narrow table, not from JSON in wide
 * rows. Rebuilt with the source's rows on every apply. */
/* clang-format off */
#define LISTING_ML(col)                                                    \
	"coalesce(nullif(json_extract(" col ", '$.' || l.lang), ''),"      \
	" json_extract(" col ", '$.fi'))"
#define LISTING_INSERT(where)                                              \
	"INSERT INTO listing"                                              \
	" SELECT l.lang, a.rowid, a.source, a.id,"                         \
	"  " LISTING_ML("a.name") ","                                      \
	"  " LISTING_ML("g.name") ","                                      \
	"  " LISTING_ML("p.name") ","                                      \
	"  a.type, a.attendance_mode, a.event_status, a.is_free,"          \
	"  a.has_offers,"                                                  \
	"  (SELECT group_concat(category_id, char(10))"                    \
	"   FROM activity_categories c WHERE c.activity = a.rowid)"        \
	" FROM activities a"                                               \
	" JOIN (SELECT 'fi' AS lang UNION ALL SELECT 'sv'"                 \
	"       UNION ALL SELECT 'en') l"                                  \
	" LEFT JOIN organizations g"                                       \
	"  ON g.source = a.source AND g.id = a.organizer_id"               \
	" LEFT JOIN places p ON p.source = a.source AND p.id = a.place_id" \
	" " where
/* Every language's text of a multilingual column, for the search. */
#define SEARCH_ML(col)                                                     \
	"coalesce(json_extract(" col ", '$.fi'), '') || ' ' ||"            \
	" coalesce(json_extract(" col ", '$.sv'), '') || ' ' ||"           \
	" coalesce(json_extract(" col ", '$.en'), '')"
/* The search's rows of the activities matching `where`: name,
 * description, organiser, topics and life situations, place. */
#define SEARCH_INSERT(where)                                               \
	"INSERT INTO activity_search"                                      \
	"  (rowid, name, description, organizer, categories, place)"       \
	" SELECT a.rowid, " SEARCH_ML("a.name") ","                        \
	"  " SEARCH_ML("a.short_description") " || ' ' || "                \
	SEARCH_ML("a.description") ","                                     \
	"  " SEARCH_ML("g.name") ","                                       \
	"  (SELECT group_concat(" SEARCH_ML("c.name") ", ' ')"             \
	"   FROM activity_categories ac JOIN categories c"                 \
	"   ON c.source = a.source AND c.id = ac.category_id"              \
	"   WHERE ac.activity = a.rowid),"                                 \
	"  " SEARCH_ML("p.name") " || ' ' || "                             \
	SEARCH_ML("p.street_address") " || ' ' || "                        \
	SEARCH_ML("p.address_locality")                                    \
	" FROM activities a"                                               \
	" LEFT JOIN organizations g"                                       \
	"  ON g.source = a.source AND g.id = a.organizer_id"               \
	" LEFT JOIN places p ON p.source = a.source AND p.id = a.place_id" \
	" " where
/* clang-format on */

#endif
