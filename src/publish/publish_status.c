/* SPDX-License-Identifier: EUPL-1.2 */
/* publish_status: what `aulataulu publish status` shows, as JSON. */
#include "config.h"

#include "publish/publish.h"

#include "publish/publish_state.h"
#include "util/timefmt.h"

#include <jansson.h>
#include <stdlib.h>

static json_t *time_or_null(int64_t t)
{
	char buf[TIMEFMT_BUFSIZE];
	if (!t)
		return json_null();
	timefmt_format(t, buf);
	return json_string(buf);
}

static void add_waiting(void *ctx, const char *input, const char *id, const char *kind,
			const char *name, int64_t since)
{
	json_t *w = json_object();
	json_object_set_new(w, "id", json_string(id));
	json_object_set_new(w, "input", json_string(input));
	json_object_set_new(w, "kind", json_string(kind));
	json_object_set_new(w, "name", json_string(name ? name : ""));
	json_object_set_new(w, "since", time_or_null(since));
	json_array_append_new(ctx, w);
}

static json_t *input_status(const struct settings *cfg, const struct source_config *in,
			    const struct pstate_input *st)
{
	json_t *o = json_object();
	json_object_set_new(o, "name", json_string(in->name));
	json_object_set_new(o, "format", json_string(in->format));
	json_object_set_new(o, "review", json_boolean(in->review));
	json_object_set_new(o, "last_attempt", time_or_null(st->last_attempt));
	json_object_set_new(o, "last_success", time_or_null(st->last_success));
	json_object_set_new(o, "error", st->error ? json_string(st->error) : json_null());
	json_object_set_new(o, "items", json_integer((json_int_t)st->items));
	/* Items kept from a good read before the input began to fail. */
	bool stale = st->error && st->items;
	json_object_set_new(o, "stale", json_boolean(stale));
	json_object_set_new(o, "dropped_at",
			    time_or_null(stale ? st->last_success + cfg->publish.max_stale : 0));
	return o;
}

json_t *publish_status(const struct settings *cfg, const char *data_dir, char **err)
{
	*err = NULL;
	struct pstate *s = pstate_open(data_dir, err);
	if (!s)
		return NULL;
	json_t *doc = json_object(), *inputs = json_array(), *waiting = json_array();
	struct pstate_publication p;
	bool ok = pstate_publication_get(s, &p, err);
	if (ok && p.sequence) {
		json_t *pub = json_object();
		json_object_set_new(pub, "sequence", json_integer(p.sequence));
		json_object_set_new(pub, "generated_at", time_or_null(p.generated_at));
		json_object_set_new(pub, "expires_at", time_or_null(p.expires_at));
		json_object_set_new(doc, "publication", pub);
	} else {
		json_object_set_new(doc, "publication", json_null());
	}
	pstate_publication_free(&p);
	for (size_t i = 0; ok && i < cfg->n_inputs; i++) {
		struct pstate_input st;
		ok = pstate_input_get(s, cfg->inputs[i].name, &st, err);
		if (ok)
			json_array_append_new(inputs, input_status(cfg, &cfg->inputs[i], &st));
		pstate_input_free(&st);
	}
	ok = ok && pstate_each_pending(s, add_waiting, waiting, err);
	json_object_set_new(doc, "inputs", inputs);
	json_object_set_new(doc, "waiting", waiting);
	pstate_close(s);
	if (!ok) {
		json_decref(doc);
		return NULL;
	}
	return doc;
}
