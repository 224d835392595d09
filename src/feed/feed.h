/* SPDX-License-Identifier: EUPL-1.2 */
/* feed: the model every feed parser produces (format 1 of the central feed,
 * data/feed-format.md) and the store consumes.
 *
 * All memory of a struct feed belongs to its arena: feed_free() releases it.
 * Every string is cleaned text (text_clean) or NULL when absent. Times are
 * seconds since the epoch; 0 means "not given". */
#ifndef AULATAULU_FEED_H
#define AULATAULU_FEED_H

#include "util/arena.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The largest feed.sequence accepted: 2^53, exact in every JSON tool. */
#define FEED_MAX_SEQUENCE (INT64_C(1) << 53)

/* Multilingual text; fi is the fallback for the others. */
struct ml {
	const char *fi, *sv, *en;
};

struct strlist {
	const char **v;
	size_t n;
};

enum category_usage { USAGE_TOPIC, USAGE_AUDIENCE };

struct feed_category {
	const char *id, *parent;
	enum category_usage usage;
	struct ml name;
};

struct feed_org {
	const char *id, *kind; /* kind: association, parish, ... */
	struct ml name, description;
	const char *url, *phone, *email;
};

/* Bits of feed_place.accessibility. */
enum {
	ACCESS_WHEELCHAIR = 1,
	ACCESS_INDUCTION_LOOP = 2,
	ACCESS_ACCESSIBLE_TOILET = 4,
	ACCESS_PARKING = 8,
};

struct feed_place {
	const char *id, *postal_code, *municipality_code;
	struct ml name, street_address, address_locality, extra_info;
	unsigned accessibility;
};

struct feed_occurrence {
	int64_t start, end; /* end 0: not given */
	const char *status; /* an event_status value, or NULL */
	struct ml note;	    /* what differs on this date (its own name, place), or none */
};

/* From the instance at `from` on, every instance of a schedule moves by
 * `by` seconds and lasts `duration` (0: the schedule's): iCalendar's
 * RANGE=THISANDFUTURE (RFC 5545 3.8.4.4). */
struct feed_shift {
	int64_t from, by, duration;
};

struct feed_schedule {
	const char *rrule, *dtstart, *duration; /* NULL rrule: no schedule */
	struct strlist exdates;
	const char *tzid;	   /* the zone of its wall times; NULL: the feed's */
	struct feed_shift *shifts; /* by from, earliest first */
	size_t n_shifts;
};

struct feed_activity {
	const char *id, *type, *organizer_id, *place_id;
	struct ml name, short_description, description, schedule_text;
	struct strlist keywords, audience, in_language;
	const char *attendance_mode, *online_url, *phone, *info_url, *event_status;
	bool is_free, has_offers;
	struct ml price;
	const char *offers_info_url;
	bool registration_required, has_registration;
	const char *registration_url, *registration_phone, *registration_email;
	struct ml registration_info;
	bool membership_required;
	struct feed_occurrence *occurrences; /* given ones, then expanded ones */
	size_t n_occurrences;
	struct feed_schedule schedule;
	int64_t valid_from, valid_until, updated_at;
};

struct feed_announcement {
	const char *id, *publisher_id, *url;
	struct ml title, body;
	int priority; /* 0 info .. 3 urgent */
	int64_t valid_from, valid_until;
	struct strlist municipality_codes;
	/* Its date could not be read: valid from when it was first seen, so
	 * its window, once stored, stays (store_apply keeps it). */
	bool dated_by_first_sight;
};

struct feed_header {
	const char *id, *timezone, *publisher_url;
	int64_t sequence, generated_at, expires_at;
	struct ml publisher_name;
};

struct feed {
	struct arena arena;
	struct feed_header header;
	struct feed_category *categories;
	struct feed_org *organizations;
	struct feed_place *places;
	struct feed_activity *activities;
	struct feed_announcement *announcements;
	size_t n_categories, n_organizations, n_places, n_activities, n_announcements;
};

/* Text in language lang ("fi", "sv", "en"), falling back to Finnish. */
const char *ml_get(const struct ml *m, const char *lang);

void feed_free(struct feed *f);

/* For parsers that find items of a growing array by id as they read (an
 * event's place, an override's series): a lookup costs the same at 100,000
 * items as at 10, where a search through the array made a calendar of
 * 28,000 events with a place each take seconds. */
struct feed_lookup_slot {
	const char *id;
	size_t pos;
};
struct feed_lookup {
	size_t cap; /* the room of the array (arena_room) */
	struct feed_lookup_slot *slots;
	size_t n_slots, n;
};

/* The position of id in the array, or -1 when it is not there. */
long feed_lookup_find(const struct feed_lookup *x, const char *id);
/* Remembers that id (which must outlive x) is at pos; false when out of memory. */
bool feed_lookup_add(struct feed_lookup *x, struct arena *a, const char *id, size_t pos);

/* For parsers of sources that name places and organisers rather than list
 * them: f's place with id, or a new one (zeroed but for its id; *added);
 * f's organisation with id, or a new one named name ("other"). x finds
 * them and holds the room of the array. NULL when out of memory. */
struct feed_place *feed_place_for(struct feed *f, struct feed_lookup *x, const char *id,
				  bool *added);
struct feed_org *feed_org_for(struct feed *f, struct feed_lookup *x, const char *id,
			      const char *name);

#endif
