/* feed_json: parser of the central feed, format 1, into struct feed. */
#include "config.h"

#include "feed_json.h"

#include "qr.h"

#include "json_bump.h"
#include "json_members.h"
#include "markup.h"
#include "recur.h"
#include "strset.h"
#include "text.h"
#include "timefmt.h"
#include "i18n.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

/* Parsing state of one document; `bad` marks the current item as skipped. */
struct ctx {
	struct feed *f;
	struct diag *d;
	const char *kind; /* "activity", ...: named in skip warnings */
	bool bad;
	struct strset categories, organizations, places, activities, announcements;
};

#define PATH_MAX_LEN 160

static void skip_item(struct ctx *c, const char *path, const char *key, const char *why)
{
	diag_warn(c->d, "%s%s%s: %s (%s skipped)", path, key ? "." : "", key ? key : "", why,
		  c->kind);
	c->bad = true;
}

static void ignore_field(struct ctx *c, const char *path, const char *key, const char *why)
{
	diag_warn(c->d, _("%s.%s: %s (field ignored)"), path, key, why);
}

/* skip_item for path.key.lang (lang NULL: path.key); the path is only
 * put together when something is wrong. */
static void skip_text(struct ctx *c, const char *path, const char *key, const char *lang,
		      const char *why)
{
	if (!lang) {
		skip_item(c, path, key, why);
		return;
	}
	char sub[PATH_MAX_LEN];
	snprintf(sub, sizeof(sub), "%s.%s", path, key);
	skip_item(c, sub, lang, why);
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
		skip_item(c, path, key, "missing");
	return s;
}

/* A phone field: digits, spaces, "+", "-" and "()" only (qr_tel_uri). Any
 * other text there ("javascript:", "WIFI:", an address) is ignored: it
 * would be offered as "scan to call". */
static const char *get_phone(struct ctx *c, json_t *obj, const char *path)
{
	const char *v = get_str(c, obj, path, "phone", false);
	char *uri = v ? qr_tel_uri(v) : NULL;
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
		skip_item(c, path, key, _("not a language object {\"fi\": ...}"));
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
			skip_item(c, path, key, "missing");
	} else if (!json_is_string(v) || !timefmt_parse(json_string_value(v), &t)) {
		skip_item(c, path, key, _("not an RFC 3339 timestamp with an offset"));
	}
	return t;
}

static bool get_bool(struct ctx *c, json_t *obj, const char *path, const char *key, bool dflt)
{
	json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v))
		return dflt;
	if (!json_is_boolean(v)) {
		skip_item(c, path, key, _("not true or false"));
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
			skip_item(c, path, key, "missing");
		return NULL;
	}
	for (size_t i = 0; json_is_string(v) && values[i]; i++)
		if (strcmp(json_string_value(v), values[i]) == 0)
			return values[i];
	skip_item(c, path, key, _("not one of the allowed values"));
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
		skip_item(c, path, key, _("not an array"));
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
			skip_item(c, sub, NULL, "not a string");
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
		skip_item(c, path, "id", _("the same id appears earlier"));
	return id;
}

static void parse_category(struct ctx *c, json_t *o, const char *p, void *item)
{
	struct feed_category *x = item;
	static const char *const usages[] = {"topic", "audience", NULL};
	x->id = get_id(c, o, p, &c->categories);
	const char *usage = get_enum(c, o, p, "usage", usages, true);
	x->usage = usage == usages[1] ? USAGE_AUDIENCE : USAGE_TOPIC;
	get_ml(c, o, p, "name", TEXT_LINE, FEED_MAX_NAME, true, &x->name);
	x->parent = get_str(c, o, p, "parent", false);
}

static void parse_org(struct ctx *c, json_t *o, const char *p, void *item)
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

static void parse_place(struct ctx *c, json_t *o, const char *p, void *item)
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
		skip_item(c, p, "occurrences", _("not an array"));
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
			skip_item(c, sub, NULL, _("not an object"));
			return;
		}
		struct feed_occurrence *occ = &x->occurrences[x->n_occurrences++];
		occ->start = get_time(c, e, sub, "start", true);
		occ->end = get_time(c, e, sub, "end", false);
		occ->status = get_enum(c, e, sub, "status", event_statuses, false);
		if (occ->end && occ->end < occ->start)
			skip_item(c, sub, "end", _("before the start"));
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
		skip_item(c, sub, NULL, _("not an object"));
		return;
	}
	struct feed_schedule *s = &x->schedule;
	s->rrule = get_str(c, v, sub, "rrule", true);
	s->dtstart = get_str(c, v, sub, "dtstart", true);
	s->duration = get_str(c, v, sub, "duration", false);
	s->exdates = get_ids(c, v, sub, "exdates", NULL);
	char why[128];
	if (!c->bad && !recur_check(s, why, sizeof(why)))
		skip_item(c, sub, NULL, why);
}

static void parse_activity(struct ctx *c, json_t *o, const char *p, void *item)
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
		skip_item(c, p, "organizer_id", _("refers to no organization"));
	x->place_id = get_str(c, o, p, "place_id", false);
	if (x->place_id && !strset_has(&c->places, x->place_id))
		skip_item(c, p, "place_id", _("refers to no place"));
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

static void parse_announcement(struct ctx *c, json_t *o, const char *p, void *item)
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
		skip_item(c, p, "priority", "not 0, 1, 2 or 3");
	x->valid_from = get_time(c, o, p, "valid_from", false);
	x->valid_until = get_time(c, o, p, "valid_until", false);
	if (x->valid_from && x->valid_until && x->valid_until < x->valid_from)
		skip_item(c, p, "valid_until", _("before valid_from"));
	x->publisher_id = get_str(c, o, p, "publisher_id", false);
	if (x->publisher_id && !strset_has(&c->organizations, x->publisher_id))
		skip_item(c, p, "publisher_id", _("refers to no organization"));
	x->municipality_codes = get_ids(c, o, p, "municipality_codes", NULL);
	x->url = get_url(c, o, p, "url");
}

typedef void item_parser(struct ctx *c, json_t *o, const char *path, void *item);

/* A section of items: its name, what its items are called in warnings,
 * their ids, size and parser, and where the parsed ones go. */
struct section {
	const char *name, *kind;
	struct strset *ids;
	size_t item_size;
	item_parser *parse;
	void **out;
	size_t *n;
};

/* Item i of section sec into the next slot of items; a skipped one leaves
 * no trace. */
static void parse_item(struct ctx *c, const struct section *sec, json_t *o, size_t i, char *items)
{
	char path[PATH_MAX_LEN];
	snprintf(path, sizeof(path), "%s[%zu]", sec->name, i);
	void *slot = items + *sec->n * sec->item_size;
	c->bad = false;
	if (!json_is_object(o)) {
		skip_item(c, path, NULL, _("not an object"));
		return;
	}
	sec->parse(c, o, path, slot);
	if (c->bad)
		memset(slot, 0, sec->item_size);
	else
		(*sec->n)++;
}

/* Parses section sec, arr (an array, or NULL when absent), into a new
 * array of items. */
static bool parse_section(struct ctx *c, const struct section *sec, json_t *arr)
{
	*sec->n = 0;
	size_t count = json_is_array(arr) ? json_array_size(arr) : 0;
	if (arr && !json_is_null(arr) && !json_is_array(arr))
		return diag_fail(c->d, _("%s: not an array"), sec->name);
	char *items = arena_alloc(&c->f->arena, (count + 1) * sec->item_size);
	if (!items || !strset_init(sec->ids, &c->f->arena, count))
		return diag_fail(c->d, _("out of memory while reading %s"), sec->name);
	c->kind = sec->kind;
	for (size_t i = 0; i < count; i++)
		parse_item(c, sec, json_array_get(arr, i), i, items);
	*sec->out = items;
	return true;
}

static bool not_valid_json(struct diag *d, const json_error_t *err)
{
	return diag_fail(d, _("not a valid JSON document (line %d, column %d: %s)"), err->line,
			 err->column, err->text);
}

/* Parses section sec, the array r has entered, one item at a time: only
 * one item's tree is in memory at once (bump is reset after each). */
static bool parse_section_streamed(struct ctx *c, const struct section *sec, struct json_members *r,
				   struct json_bump *bump)
{
	*sec->n = 0;
	size_t cap = 0, i = 0;
	char *items = NULL;
	if (!strset_init(sec->ids, &c->f->arena, 0) ||
	    !arena_room(&c->f->arena, (void **)&items, 0, &cap, sec->item_size))
		return diag_fail(c->d, _("out of memory while reading %s"), sec->name);
	c->kind = sec->kind;
	json_t *o;
	enum json_step step;
	while ((step = json_members_item(r, &o)) == JSON_STEP_ITEM) {
		/* Room for this one and a zeroed slot after the last. */
		bool room =
		    arena_room(&c->f->arena, (void **)&items, *sec->n + 1, &cap, sec->item_size) &&
		    strset_reserve(sec->ids, &c->f->arena, sec->ids->n + 1);
		if (room)
			parse_item(c, sec, o, i++, items);
		json_decref(o);
		json_bump_reset(bump);
		json_members_release_behind(r);
		if (!room)
			return diag_fail(c->d, _("out of memory while reading %s"), sec->name);
	}
	if (step == JSON_STEP_ERROR)
		return not_valid_json(c->d, &r->error);
	/* The room doubled for items never read goes (a fifth of the feed's
	 * memory at 50,000 activities). */
	void *fitted =
	    arena_resize(&c->f->arena, items, cap * sec->item_size, (*sec->n + 1) * sec->item_size);
	*sec->out = fitted ? fitted : items;
	return true;
}

static bool parse_header(struct ctx *c, json_t *v)
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

/* What the top level of the document held, as it is read. */
struct top {
	bool format_ok, version_ok, seen_format, seen_version;
	bool seen[5];	      /* of the sections, in sections[] order */
	bool header_done;     /* "feed" parsed */
	size_t activities_at; /* where the activities' value starts, when deferred */
	bool activities_deferred;
};

enum { SEC_CATEGORIES, SEC_ORGANIZATIONS, SEC_PLACES, SEC_ACTIVITIES, SEC_ANNOUNCEMENTS };

/* Activities refer to the categories, organisations and places: they are
 * read as they come only when those (and the header) came first, as in
 * every feed this project writes; otherwise after the rest. */
static bool activities_now(const struct top *t)
{
	return t->header_done && t->seen[SEC_CATEGORIES] && t->seen[SEC_ORGANIZATIONS] &&
	       t->seen[SEC_PLACES];
}

/* The activities' value at r: item by item when an array. */
static bool read_activities(struct ctx *c, const struct section *sec, struct json_members *r,
			    struct json_bump *bump)
{
	if (json_members_enter_array(r))
		return parse_section_streamed(c, sec, r, bump);
	json_t *v = json_members_value(r);
	if (!v)
		return not_valid_json(c->d, &r->error);
	bool ok = parse_section(c, sec, v);
	json_decref(v);
	return ok;
}

/* Steps over the value at r (an array item by item) without keeping it. */
static bool skip_value(struct ctx *c, struct json_members *r, struct json_bump *bump)
{
	json_t *v;
	if (json_members_enter_array(r)) {
		enum json_step step;
		while ((step = json_members_item(r, &v)) == JSON_STEP_ITEM) {
			json_decref(v);
			json_bump_reset(bump);
		}
		return step == JSON_STEP_END || not_valid_json(c->d, &r->error);
	}
	if (!(v = json_members_value(r)))
		return not_valid_json(c->d, &r->error);
	json_decref(v);
	return true;
}

/* One member of the top-level object, its key read. */
static bool read_member(struct ctx *c, struct json_members *r, const char *key,
			const struct section *sections, struct top *t, struct json_bump *bump)
{
	for (int k = 0; k < 5; k++) {
		if (strcmp(key, sections[k].name) != 0)
			continue;
		if (t->seen[k])
			return diag_fail(c->d, _("%s: given twice"), key);
		t->seen[k] = true;
		if (k == SEC_ACTIVITIES && !activities_now(t)) {
			t->activities_deferred = true;
			t->activities_at = json_members_tell(r);
			return skip_value(c, r, bump);
		}
		if (k == SEC_ACTIVITIES)
			return read_activities(c, &sections[k], r, bump);
		json_t *v = json_members_value(r);
		if (!v)
			return not_valid_json(c->d, &r->error);
		bool ok = parse_section(c, &sections[k], v);
		json_decref(v);
		return ok;
	}
	json_t *v = json_members_value(r);
	if (!v)
		return not_valid_json(c->d, &r->error);
	bool ok = true;
	if (!strcmp(key, "format")) {
		t->seen_format = true;
		t->format_ok = json_is_string(v) && !strcmp(json_string_value(v), "aulataulu-feed");
	} else if (!strcmp(key, "format_version")) {
		t->seen_version = true;
		t->version_ok = json_is_integer(v) && json_integer_value(v) == 1;
	} else if (!strcmp(key, "feed")) {
		ok = t->header_done ? diag_fail(c->d, _("%s: given twice"), key)
				    : parse_header(c, v);
		t->header_done = true;
	}
	json_decref(v);
	return ok;
}

/* The document's shape, read as a whole: why it is refused. */
static void refuse_whole(const char *buf, size_t len, struct diag *d)
{
	json_error_t err;
	json_t *root = json_loadb(buf, len, 0, &err);
	if (!root)
		not_valid_json(d, &err);
	else
		diag_fail(d, _("the document is not a JSON object"));
	json_decref(root);
}

/* The feed in buf; owned: buf, when its memory may go as it is read. */
static struct feed *parse_document(const char *buf, char *owned, size_t len, struct diag *d)
{
	struct json_bump bump;
	json_bump_begin(&bump);
	struct json_members r;
	struct arena arena = {0};
	struct feed *f = NULL;
	if (!(owned ? json_members_open_consuming(&r, owned, len)
		    : json_members_open(&r, buf, len))) {
		refuse_whole(buf, len, d);
		goto out;
	}
	f = arena_alloc(&arena, sizeof(*f));
	if (!f) {
		diag_fail(d, _("out of memory"));
		goto out;
	}
	f->arena = arena;
	struct ctx c = {.f = f, .d = d};
	const struct section sections[5] = {
	    [SEC_CATEGORIES] = {"categories", "category", &c.categories,
				sizeof(struct feed_category), parse_category,
				(void **)&f->categories, &f->n_categories},
	    [SEC_ORGANIZATIONS] = {"organizations", "organization", &c.organizations,
				   sizeof(struct feed_org), parse_org, (void **)&f->organizations,
				   &f->n_organizations},
	    [SEC_PLACES] = {"places", "place", &c.places, sizeof(struct feed_place), parse_place,
			    (void **)&f->places, &f->n_places},
	    [SEC_ACTIVITIES] = {"activities", "activity", &c.activities,
				sizeof(struct feed_activity), parse_activity,
				(void **)&f->activities, &f->n_activities},
	    [SEC_ANNOUNCEMENTS] = {"announcements", "announcement", &c.announcements,
				   sizeof(struct feed_announcement), parse_announcement,
				   (void **)&f->announcements, &f->n_announcements},
	};
	struct top t = {0};
	json_t *key;
	enum json_step step = JSON_STEP_END;
	bool ok = true;
	while (ok && (step = json_members_key(&r, &key)) == JSON_STEP_ITEM) {
		/* A wrong format is refused before its content is read. */
		ok = (!t.seen_format || t.format_ok) && (!t.seen_version || t.version_ok) &&
		     read_member(&c, &r, json_string_value(key), sections, &t, &bump);
		json_decref(key);
		json_bump_reset(&bump);
	}
	if (ok && step == JSON_STEP_ERROR)
		ok = not_valid_json(d, &r.error);
	if (!d->error && !t.format_ok)
		ok = diag_fail(d, _("format: expected \"aulataulu-feed\""));
	else if (!d->error && !t.version_ok)
		ok = diag_fail(d, _("format_version: this terminal reads version 1 only"));
	else if (ok && !t.header_done)
		ok = diag_fail(d, _("feed: the header object is missing"));
	/* The sections not in the document are empty. */
	for (int k = 0; ok && k < 5; k++)
		if (!t.seen[k])
			ok = parse_section(&c, &sections[k], NULL);
	if (ok && t.activities_deferred) {
		json_members_seek(&r, t.activities_at, 1);
		ok = read_activities(&c, &sections[SEC_ACTIVITIES], &r, &bump);
	}
	ok = ok && !d->error; /* out of memory inside an item */
	if (!ok) {
		feed_free(f);
		f = NULL;
	}
out:
	json_bump_end(&bump); /* the whole document, without a walk through it */
	return f;
}

struct feed *feed_json_parse(const char *buf, size_t len, struct diag *d)
{
	return parse_document(buf, NULL, len, d);
}

struct feed *feed_json_parse_consuming(char *buf, size_t len, struct diag *d)
{
	return parse_document(buf, buf, len, d);
}
