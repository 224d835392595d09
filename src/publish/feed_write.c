/* SPDX-License-Identifier: EUPL-1.2 */
/* feed_write: parsed feed items back into format 1 JSON. */
#include "config.h"

#include "publish/feed_write.h"

#include "util/timefmt.h"

#include <jansson.h>
#include <stdbool.h>

/* Setters that leave out what is absent, so that the objects say only
 * what the source said. */
static void put_str(json_t *o, const char *key, const char *v)
{
	if (v)
		json_object_set_new(o, key, json_string(v));
}

static void put_ml(json_t *o, const char *key, const struct ml *m)
{
	json_t *v = feed_write_ml(m);
	if (v)
		json_object_set_new(o, key, v);
}

static void put_time(json_t *o, const char *key, int64_t t)
{
	char buf[TIMEFMT_BUFSIZE];
	if (!t)
		return;
	timefmt_format(t, buf);
	json_object_set_new(o, key, json_string(buf));
}

static void put_list(json_t *o, const char *key, const struct strlist *l)
{
	if (!l->n)
		return;
	json_t *a = json_array();
	for (size_t i = 0; i < l->n; i++)
		json_array_append_new(a, json_string(l->v[i]));
	json_object_set_new(o, key, a);
}

json_t *feed_write_ml(const struct ml *m)
{
	if (!m->fi && !m->sv && !m->en)
		return NULL;
	json_t *o = json_object();
	/* Finnish is required wherever a text is: the others fall back to it. */
	put_str(o, "fi", m->fi ? m->fi : m->sv ? m->sv : m->en);
	put_str(o, "sv", m->sv);
	put_str(o, "en", m->en);
	return o;
}

json_t *feed_write_category(const struct feed_category *x)
{
	json_t *o = json_object();
	put_str(o, "id", x->id);
	put_str(o, "usage", x->usage == USAGE_AUDIENCE ? "audience" : "topic");
	put_ml(o, "name", &x->name);
	put_str(o, "parent", x->parent);
	return o;
}

json_t *feed_write_org(const struct feed_org *x)
{
	json_t *o = json_object();
	put_str(o, "id", x->id);
	put_str(o, "kind", x->kind);
	put_ml(o, "name", &x->name);
	put_ml(o, "description", &x->description);
	put_str(o, "url", x->url);
	put_str(o, "phone", x->phone);
	put_str(o, "email", x->email);
	return o;
}

json_t *feed_write_place(const struct feed_place *x)
{
	static const char *const features[] = {"wheelchair", "induction_loop", "accessible_toilet",
					       "parking"};
	json_t *o = json_object();
	put_str(o, "id", x->id);
	put_ml(o, "name", &x->name);
	put_ml(o, "street_address", &x->street_address);
	put_ml(o, "address_locality", &x->address_locality);
	put_str(o, "postal_code", x->postal_code);
	put_str(o, "municipality_code", x->municipality_code);
	if (x->accessibility) {
		json_t *a = json_array();
		for (unsigned k = 0; k < sizeof(features) / sizeof(*features); k++)
			if (x->accessibility & 1u << k)
				json_array_append_new(a, json_string(features[k]));
		json_object_set_new(o, "accessibility", a);
	}
	put_ml(o, "extra_info", &x->extra_info);
	return o;
}

static json_t *occurrences(const struct feed_activity *x)
{
	json_t *a = json_array();
	for (size_t i = 0; i < x->n_occurrences; i++) {
		json_t *occ = json_object();
		put_time(occ, "start", x->occurrences[i].start);
		put_time(occ, "end", x->occurrences[i].end);
		put_str(occ, "status", x->occurrences[i].status);
		put_ml(occ, "note", &x->occurrences[i].note);
		json_array_append_new(a, occ);
	}
	return a;
}

static json_t *schedule(const struct feed_schedule *s)
{
	json_t *o = json_object();
	put_str(o, "rrule", s->rrule);
	put_str(o, "dtstart", s->dtstart);
	put_str(o, "duration", s->duration);
	put_list(o, "exdates", &s->exdates);
	if (s->n_shifts) {
		json_t *shifts = json_array();
		for (size_t i = 0; i < s->n_shifts; i++) {
			json_t *x = json_object();
			put_time(x, "from", s->shifts[i].from);
			json_object_set_new(x, "by", json_integer(s->shifts[i].by));
			if (s->shifts[i].duration)
				json_object_set_new(x, "duration",
						    json_integer(s->shifts[i].duration));
			json_array_append_new(shifts, x);
		}
		json_object_set_new(o, "shifts", shifts);
	}
	return o;
}

json_t *feed_write_activity(const struct feed_activity *x, const char *id)
{
	json_t *o = json_object();
	put_str(o, "id", id ? id : x->id);
	put_str(o, "type", x->type);
	put_ml(o, "name", &x->name);
	put_ml(o, "short_description", &x->short_description);
	put_ml(o, "description", &x->description);
	put_str(o, "organizer_id", x->organizer_id);
	put_list(o, "keywords", &x->keywords);
	put_list(o, "audience", &x->audience);
	put_list(o, "in_language", &x->in_language);
	put_str(o, "attendance_mode", x->attendance_mode);
	put_str(o, "place_id", x->place_id);
	put_str(o, "online_url", x->online_url);
	put_str(o, "phone", x->phone);
	if (x->has_offers) {
		json_t *offers = json_object();
		json_object_set_new(offers, "is_free", json_boolean(x->is_free));
		put_ml(offers, "price", &x->price);
		put_str(offers, "info_url", x->offers_info_url);
		json_object_set_new(o, "offers", offers);
	}
	if (x->has_registration) {
		json_t *reg = json_object();
		json_object_set_new(reg, "required", json_boolean(x->registration_required));
		put_str(reg, "url", x->registration_url);
		put_str(reg, "phone", x->registration_phone);
		put_str(reg, "email", x->registration_email);
		put_ml(reg, "info", &x->registration_info);
		json_object_set_new(o, "registration", reg);
	}
	json_object_set_new(o, "membership_required", json_boolean(x->membership_required));
	put_str(o, "info_url", x->info_url);
	put_str(o, "event_status", x->event_status);
	put_ml(o, "schedule_text", &x->schedule_text);
	if (x->n_occurrences)
		json_object_set_new(o, "occurrences", occurrences(x));
	if (x->schedule.rrule)
		json_object_set_new(o, "schedule", schedule(&x->schedule));
	put_time(o, "valid_from", x->valid_from);
	put_time(o, "valid_until", x->valid_until);
	put_time(o, "updated_at", x->updated_at);
	return o;
}

json_t *feed_write_announcement(const struct feed_announcement *x, const char *id)
{
	json_t *o = json_object();
	put_str(o, "id", id ? id : x->id);
	put_ml(o, "title", &x->title);
	put_ml(o, "body", &x->body);
	json_object_set_new(o, "priority", json_integer(x->priority));
	put_time(o, "valid_from", x->valid_from);
	put_time(o, "valid_until", x->valid_until);
	put_str(o, "publisher_id", x->publisher_id);
	put_list(o, "municipality_codes", &x->municipality_codes);
	put_str(o, "url", x->url);
	return o;
}
