/* SPDX-License-Identifier: EUPL-1.2 */
/* feed_json_items: the items of format 1 (categories, organisations,
 * places, activities, announcements) and the header, each from its JSON
 * object into struct feed, with a warning by JSON path for what is
 * skipped or ignored. */
#include "config.h"

#include "feed/feed_json_items.h"

#include "feed/phone.h"

#include "feed/markup.h"
#include "feed/recur.h"
#include "util/text.h"
#include "util/timefmt.h"
#include "util/i18n.h"

#include <stdio.h>
#include <string.h>

void feed_json_skip(struct ctx *c, const char *path, const char *key, const char *why)
{
	diag_warn(c->d, "%s%s%s: %s (%s skipped)", path, key ? "." : "", key ? key : "", why,
		  c->kind);
	c->bad = true;
}

static void ignore_field(struct ctx *c, const char *path, const char *key, const char *why)
{
	diag_warn(c->d, _("%s.%s: %s (field ignored)"), path, key, why);
}

/* feed_json_skip for path.key.lang (lang NULL: path.key); the path is only
 * put together when something is wrong. */
static void skip_text(struct ctx *c, const char *path, const char *key, const char *lang,
		      const char *why)
{
	if (!lang) {
		feed_json_skip(c, path, key, why);
		return;
	}
	char sub[PATH_MAX_LEN];
	snprintf(sub, sizeof(sub), "%s.%s", path, key);
	feed_json_skip(c, sub, lang, why);
}

/* A cleaned copy of JSON string v (at path.key, or path.key.lang) in the
 * arena, or NULL (v is no string, or over cap characters: the item is
 * skipped). An empty result counts as absent. */
static const char *clean_string(struct ctx *c, json_t *v, const char *path, const char *key,
				const char *lang, enum text_mode mode, size_t cap)
{
	if (!json_is_string(v)) {
		skip_text(c, path, key, lang, "not a string");
		return NULL;
	}
	size_t len = json_string_length(v);
	const char *raw = json_string_value(v);
	char *tmp, why_html[160] = "";
	/* A person's text (names, descriptions) with HTML in it: its text. */
	bool html = lang && html_is_markup(raw, len);
	tmp =
	    html ? markup_clean(raw, mode, why_html, sizeof(why_html)) : text_clean(raw, len, mode);
	if (html && tmp)
		diag_warn(c->d, _("%s.%s.%s: HTML made plain text%s%s"), path, key, lang,
			  *why_html ? ": " : "", why_html);
	if (!tmp) {
		skip_text(c, path, key, lang, _("out of memory"));
		return NULL;
	}
	const char *out = NULL;
	if (text_char_count(tmp) > cap) {
		char why[64];
		snprintf(why, sizeof(why), _("longer than %zu characters"), cap);
		skip_text(c, path, key, lang, why);
	} else if (*tmp) {
		out = arena_strndup(&c->f->arena, tmp, strlen(tmp));
	}
	free(tmp);
	return out;
}

static const char *get_str(struct ctx *c, json_t *obj, const char *path, const char *key,
			   bool required)
{
	json_t *v = json_object_get(obj, key);
	const char *s = NULL;
	if (v && !json_is_null(v))
		s = clean_string(c, v, path, key, NULL, TEXT_LINE, FEED_MAX_FIELD);
	if (!s && required && !c->bad)
		feed_json_skip(c, path, key, "missing");
	return s;
}

/* A phone field: digits, spaces, "+", "-" and "()" only (phone_tel_uri). Any
 * other text there ("javascript:", "WIFI:", an address) is ignored: it
 * would be offered as "scan to call". */
static const char *get_phone(struct ctx *c, json_t *obj, const char *path)
{
	const char *v = get_str(c, obj, path, "phone", false);
	char *uri = v ? phone_tel_uri(v) : NULL;
	if (v && !uri) {
		ignore_field(c, path, "phone", _("not a phone number"));
		v = NULL;
	}
	free(uri);
	return v;
}

static void get_ml(struct ctx *c, json_t *obj, const char *path, const char *key,
		   enum text_mode mode, size_t cap, bool required, struct ml *out)
{
	json_t *v = json_object_get(obj, key);
	*out = (struct ml){0};
	if (v && !json_is_null(v) && !json_is_object(v)) {
		feed_json_skip(c, path, key, _("not a language object {\"fi\": ...}"));
		return;
	}
	static const char *const langs[] = {"fi", "sv", "en"};
	const char **slots[] = {&out->fi, &out->sv, &out->en};
	for (int i = 0; v && i < 3; i++) {
		json_t *t = json_object_get(v, langs[i]);
		if (t && !json_is_null(t))
			*slots[i] = clean_string(c, t, path, key, langs[i], mode, cap);
	}
	if (required && !out->fi && !c->bad)
		skip_text(c, path, key, "fi", "missing");
}

static int64_t get_time(struct ctx *c, json_t *obj, const char *path, const char *key,
			bool required)
{
	json_t *v = json_object_get(obj, key);
	int64_t t = 0;
	if (!v || json_is_null(v)) {
		if (required)
			feed_json_skip(c, path, key, "missing");
	} else if (!json_is_string(v) || !timefmt_parse(json_string_value(v), &t)) {
		feed_json_skip(c, path, key, _("not an RFC 3339 timestamp with an offset"));
	}
	return t;
}

static bool get_bool(struct ctx *c, json_t *obj, const char *path, const char *key, bool dflt)
{
	json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v))
		return dflt;
	if (!json_is_boolean(v)) {
		feed_json_skip(c, path, key, _("not true or false"));
		return dflt;
	}
	return json_is_true(v);
}

/* One of the values (NULL-terminated); NULL when absent. */
static const char *get_enum(struct ctx *c, json_t *obj, const char *path, const char *key,
			    const char *const *values, bool required)
{
	json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v)) {
		if (required)
			feed_json_skip(c, path, key, "missing");
		return NULL;
	}
	for (size_t i = 0; json_is_string(v) && values[i]; i++)
		if (strcmp(json_string_value(v), values[i]) == 0)
			return values[i];
	feed_json_skip(c, path, key, _("not one of the allowed values"));
	return NULL;
}

/* A web address for QR codes and links: only http and https are kept. */
static const char *get_url(struct ctx *c, json_t *obj, const char *path, const char *key)
{
	const char *s = get_str(c, obj, path, key, false);
	if (s && strncmp(s, "https://", 8) != 0 && strncmp(s, "http://", 7) != 0) {
		ignore_field(c, path, key, _("not an http or https address"));
		return NULL;
	}
	return s;
}

/* An array of id strings; each must be in set (when set is given). */
static struct strlist get_ids(struct ctx *c, json_t *obj, const char *path, const char *key,
			      const struct strset *set)
{
	struct strlist out = {0};
	json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v))
		return out;
	if (!json_is_array(v)) {
		feed_json_skip(c, path, key, _("not an array"));
		return out;
	}
	out.v = arena_alloc(&c->f->arena, (json_array_size(v) + 1) * sizeof(*out.v));
	if (!out.v) {
		diag_fail(c->d, _("out of memory while reading %s.%s"), path, key);
		return out;
	}
	size_t i;
	json_t *e;
	json_array_foreach(v, i, e)
	{
		char sub[PATH_MAX_LEN];
		snprintf(sub, sizeof(sub), "%s.%s[%zu]", path, key, i);
		const char *s = NULL;
		if (json_is_string(e))
			s = clean_string(c, e, sub, NULL, NULL, TEXT_LINE, FEED_MAX_FIELD);
		else
			feed_json_skip(c, sub, NULL, "not a string");
		if (s && set && !strset_has(set, s))
			diag_warn(c->d, _("%s: refers to no category (dropped)"), sub);
		else if (s)
			out.v[out.n++] = s;
	}
	return out;
}

/* The item's id: required, and unique within its section. */
static const char *get_id(struct ctx *c, json_t *obj, const char *path, struct strset *seen)
{
	const char *id = get_str(c, obj, path, "id", true);
	if (id && seen && !strset_add(seen, id))
		feed_json_skip(c, path, "id", _("the same id appears earlier"));
	return id;
}

void feed_json_category(struct ctx *c, json_t *o, const char *p, void *item)
{
	struct feed_category *x = item;
	static const char *const usages[] = {"topic", "audience", NULL};
	x->id = get_id(c, o, p, &c->categories);
	const char *usage = get_enum(c, o, p, "usage", usages, true);
	x->usage = usage == usages[1] ? USAGE_AUDIENCE : USAGE_TOPIC;
	get_ml(c, o, p, "name", TEXT_LINE, FEED_MAX_NAME, true, &x->name);
	x->parent = get_str(c, o, p, "parent", false);
}

void feed_json_org(struct ctx *c, json_t *o, const char *p, void *item)
{
	struct feed_org *x = item;
	static const char *const kinds[] = {
	    "association",	"parish", "foundation", "municipality",
	    "wellbeing_county", "other",  NULL};
	x->id = get_id(c, o, p, &c->organizations);
	x->kind = get_enum(c, o, p, "kind", kinds, false);
	if (!x->kind)
		x->kind = "other";
	get_ml(c, o, p, "name", TEXT_LINE, FEED_MAX_NAME, true, &x->name);
	get_ml(c, o, p, "description", TEXT_PARAGRAPHS, FEED_MAX_DESCRIPTION, false,
	       &x->description);
	x->url = get_url(c, o, p, "url");
	x->phone = get_phone(c, o, p);
	x->email = get_str(c, o, p, "email", false);
}

void feed_json_place(struct ctx *c, json_t *o, const char *p, void *item)
{
	struct feed_place *x = item;
	static const char *const features[] = {"wheelchair", "induction_loop", "accessible_toilet",
					       "parking", NULL};
	x->id = get_id(c, o, p, &c->places);
	get_ml(c, o, p, "name", TEXT_LINE, FEED_MAX_NAME, true, &x->name);
	get_ml(c, o, p, "street_address", TEXT_LINE, FEED_MAX_NAME, false, &x->street_address);
	get_ml(c, o, p, "address_locality", TEXT_LINE, FEED_MAX_NAME, false, &x->address_locality);
	get_ml(c, o, p, "extra_info", TEXT_PARAGRAPHS, FEED_MAX_SHORT, false, &x->extra_info);
	x->postal_code = get_str(c, o, p, "postal_code", false);
	x->municipality_code = get_str(c, o, p, "municipality_code", false);
	json_t *acc = json_object_get(o, "accessibility");
	size_t i;
	json_t *e;
	json_array_foreach(acc, i, e)
	{
		for (unsigned k = 0; features[k]; k++)
			if (json_is_string(e) && strcmp(json_string_value(e), features[k]) == 0)
				x->accessibility |= 1u << k;
	}
}

static const char *const event_statuses[] = {"EventScheduled", "EventCancelled", "EventPostponed",
					     "EventRescheduled", NULL};

static void parse_occurrences(struct ctx *c, json_t *o, const char *p, struct feed_activity *x)
{
	json_t *v = json_object_get(o, "occurrences");
	if (!v || json_is_null(v))
		return;
	if (!json_is_array(v)) {
		feed_json_skip(c, p, "occurrences", _("not an array"));
		return;
	}
	x->occurrences =
	    arena_alloc(&c->f->arena, (json_array_size(v) + 1) * sizeof(*x->occurrences));
	if (!x->occurrences) {
		diag_fail(c->d, _("out of memory while reading %s.occurrences"), p);
		return;
	}
	size_t i;
	json_t *e;
	json_array_foreach(v, i, e)
	{
		char sub[PATH_MAX_LEN];
		snprintf(sub, sizeof(sub), "%s.occurrences[%zu]", p, i);
		if (!json_is_object(e)) {
			feed_json_skip(c, sub, NULL, _("not an object"));
			return;
		}
		struct feed_occurrence *occ = &x->occurrences[x->n_occurrences++];
		occ->start = get_time(c, e, sub, "start", true);
		occ->end = get_time(c, e, sub, "end", false);
		occ->status = get_enum(c, e, sub, "status", event_statuses, false);
		get_ml(c, e, sub, "note", TEXT_LINE, FEED_MAX_NOTE, false, &occ->note);
		if (occ->end && occ->end < occ->start)
			feed_json_skip(c, sub, "end", _("before the start"));
	}
}

/* The number of seconds at key of obj (a JSON integer within a year), or
 * 0 when absent; anything else skips the item. */
static int64_t get_seconds(struct ctx *c, json_t *obj, const char *path, const char *key)
{
	json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v))
		return 0;
	json_int_t n = json_is_integer(v) ? json_integer_value(v) : 0;
	if (!json_is_integer(v) || n < -366 * 86400 || n > 366 * 86400) {
		feed_json_skip(c, path, key, _("not a number of seconds within a year"));
		return 0;
	}
	return (int64_t)n;
}

/* schedule.shifts: [{from, by, duration}], earliest first (THISANDFUTURE). */
static void parse_shifts(struct ctx *c, json_t *schedule, const char *p, struct feed_schedule *s)
{
	json_t *v = json_object_get(schedule, "shifts");
	if (!v || json_is_null(v))
		return;
	if (!json_is_array(v) || json_array_size(v) > 64) {
		feed_json_skip(c, p, "shifts", _("not an array of at most 64 shifts"));
		return;
	}
	s->shifts = arena_alloc(&c->f->arena, (json_array_size(v) + 1) * sizeof(*s->shifts));
	if (!s->shifts) {
		diag_fail(c->d, _("out of memory while reading %s.shifts"), p);
		return;
	}
	size_t i;
	json_t *e;
	json_array_foreach(v, i, e)
	{
		char sub[PATH_MAX_LEN + 32];
		snprintf(sub, sizeof(sub), "%s.shifts[%zu]", p, i);
		if (!json_is_object(e)) {
			feed_json_skip(c, sub, NULL, _("not an object"));
			return;
		}
		struct feed_shift *x = &s->shifts[s->n_shifts++];
		x->from = get_time(c, e, sub, "from", true);
		x->by = get_seconds(c, e, sub, "by");
		x->duration = get_seconds(c, e, sub, "duration");
		if (x->duration < 0)
			feed_json_skip(c, sub, "duration", _("before the start"));
		if (s->n_shifts > 1 && x->from <= s->shifts[s->n_shifts - 2].from)
			feed_json_skip(c, sub, "from", _("not after the shift before it"));
	}
}

static void parse_schedule(struct ctx *c, json_t *o, const char *p, struct feed_activity *x)
{
	json_t *v = json_object_get(o, "schedule");
	if (!v || json_is_null(v))
		return;
	char sub[PATH_MAX_LEN];
	snprintf(sub, sizeof(sub), "%s.schedule", p);
	if (!json_is_object(v)) {
		feed_json_skip(c, sub, NULL, _("not an object"));
		return;
	}
	struct feed_schedule *s = &x->schedule;
	s->rrule = get_str(c, v, sub, "rrule", true);
	s->dtstart = get_str(c, v, sub, "dtstart", true);
	s->duration = get_str(c, v, sub, "duration", false);
	s->exdates = get_ids(c, v, sub, "exdates", NULL);
	parse_shifts(c, v, sub, s);
	char why[128];
	if (!c->bad && !recur_check(s, why, sizeof(why)))
		feed_json_skip(c, sub, NULL, why);
}

void feed_json_activity(struct ctx *c, json_t *o, const char *p, void *item)
{
	struct feed_activity *x = item;
	static const char *const types[] = {"group",	    "event", "support",
					    "volunteering", "hobby", NULL};
	static const char *const modes[] = {"offline", "online", "phone", "chat", "mixed", NULL};
	x->id = get_id(c, o, p, &c->activities);
	x->type = get_enum(c, o, p, "type", types, true);
	get_ml(c, o, p, "name", TEXT_LINE, FEED_MAX_NAME, true, &x->name);
	get_ml(c, o, p, "short_description", TEXT_PARAGRAPHS, FEED_MAX_SHORT, false,
	       &x->short_description);
	get_ml(c, o, p, "description", TEXT_PARAGRAPHS, FEED_MAX_DESCRIPTION, false,
	       &x->description);
	get_ml(c, o, p, "schedule_text", TEXT_LINE, FEED_MAX_SHORT, false, &x->schedule_text);
	x->organizer_id = get_str(c, o, p, "organizer_id", true);
	if (x->organizer_id && !strset_has(&c->organizations, x->organizer_id))
		feed_json_skip(c, p, "organizer_id", _("refers to no organization"));
	x->place_id = get_str(c, o, p, "place_id", false);
	if (x->place_id && !strset_has(&c->places, x->place_id))
		feed_json_skip(c, p, "place_id", _("refers to no place"));
	x->keywords = get_ids(c, o, p, "keywords", &c->categories);
	x->audience = get_ids(c, o, p, "audience", &c->categories);
	x->in_language = get_ids(c, o, p, "in_language", NULL);
	x->attendance_mode = get_enum(c, o, p, "attendance_mode", modes, false);
	if (!x->attendance_mode)
		x->attendance_mode = "offline";
	x->online_url = get_url(c, o, p, "online_url");
	x->phone = get_phone(c, o, p);
	x->info_url = get_url(c, o, p, "info_url");
	x->event_status = get_enum(c, o, p, "event_status", event_statuses, false);
	json_t *offers = json_object_get(o, "offers");
	if (json_is_object(offers)) {
		char sub[PATH_MAX_LEN];
		snprintf(sub, sizeof(sub), "%s.offers", p);
		x->has_offers = true;
		x->is_free = get_bool(c, offers, sub, "is_free", false);
		get_ml(c, offers, sub, "price", TEXT_LINE, FEED_MAX_SHORT, false, &x->price);
		x->offers_info_url = get_url(c, offers, sub, "info_url");
	}
	json_t *reg = json_object_get(o, "registration");
	if (json_is_object(reg)) {
		char sub[PATH_MAX_LEN];
		snprintf(sub, sizeof(sub), "%s.registration", p);
		x->has_registration = true;
		x->registration_required = get_bool(c, reg, sub, "required", false);
		x->registration_url = get_url(c, reg, sub, "url");
		x->registration_phone = get_phone(c, reg, sub);
		x->registration_email = get_str(c, reg, sub, "email", false);
		get_ml(c, reg, sub, "info", TEXT_PARAGRAPHS, FEED_MAX_SHORT, false,
		       &x->registration_info);
	}
	x->membership_required = get_bool(c, o, p, "membership_required", false);
	parse_occurrences(c, o, p, x);
	parse_schedule(c, o, p, x);
	x->valid_from = get_time(c, o, p, "valid_from", false);
	x->valid_until = get_time(c, o, p, "valid_until", false);
	x->updated_at = get_time(c, o, p, "updated_at", false);
}

void feed_json_announcement(struct ctx *c, json_t *o, const char *p, void *item)
{
	struct feed_announcement *x = item;
	x->id = get_id(c, o, p, &c->announcements);
	get_ml(c, o, p, "title", TEXT_LINE, FEED_MAX_TITLE, true, &x->title);
	get_ml(c, o, p, "body", TEXT_PARAGRAPHS, FEED_MAX_BODY, false, &x->body);
	json_t *prio = json_object_get(o, "priority");
	x->priority = 1;
	if (json_is_integer(prio) && json_integer_value(prio) >= 0 && json_integer_value(prio) <= 3)
		x->priority = (int)json_integer_value(prio);
	else if (prio && !json_is_null(prio))
		feed_json_skip(c, p, "priority", "not 0, 1, 2 or 3");
	x->valid_from = get_time(c, o, p, "valid_from", false);
	x->valid_until = get_time(c, o, p, "valid_until", false);
	if (x->valid_from && x->valid_until && x->valid_until < x->valid_from)
		feed_json_skip(c, p, "valid_until", _("before valid_from"));
	x->publisher_id = get_str(c, o, p, "publisher_id", false);
	if (x->publisher_id && !strset_has(&c->organizations, x->publisher_id))
		feed_json_skip(c, p, "publisher_id", _("refers to no organization"));
	x->municipality_codes = get_ids(c, o, p, "municipality_codes", NULL);
	x->url = get_url(c, o, p, "url");
}

bool feed_json_header(struct ctx *c, json_t *v)
{
	struct feed_header *h = &c->f->header;
	if (!json_is_object(v))
		return diag_fail(c->d, _("feed: the header object is missing"));
	c->kind = "feed";
	c->bad = false;
	h->id = get_str(c, v, "feed", "id", true);
	json_t *seq = json_object_get(v, "sequence");
	if (!json_is_integer(seq) || json_integer_value(seq) < 1)
		return diag_fail(c->d, _("feed.sequence: not an integer of 1 or more"));
	/* Past 2^53 a number is no longer exact in JavaScript and most JSON
	 * tools; such a sequence would make every later feed a "rollback". */
	if (json_integer_value(seq) > FEED_MAX_SEQUENCE)
		return diag_fail(c->d, _("feed.sequence: larger than 2^53 (9007199254740992)"));
	h->sequence = json_integer_value(seq);
	h->generated_at = get_time(c, v, "feed", "generated_at", true);
	h->expires_at = get_time(c, v, "feed", "expires_at", false);
	h->timezone = get_str(c, v, "feed", "timezone", false);
	if (!h->timezone)
		h->timezone = "Europe/Helsinki";
	else if (!recur_timezone_known(h->timezone))
		return diag_fail(c->d, _("feed.timezone: unknown time zone \"%s\""), h->timezone);
	json_t *pub = json_object_get(v, "publisher");
	if (json_is_object(pub)) {
		get_ml(c, pub, "feed.publisher", "name", TEXT_LINE, FEED_MAX_NAME, false,
		       &h->publisher_name);
		h->publisher_url = get_url(c, pub, "feed.publisher", "url");
	}
	if (c->bad)
		return diag_fail(c->d, _("the feed header is invalid: %s"),
				 c->d->n_kept ? c->d->warnings[c->d->n_kept - 1] : "?");
	return true;
}
