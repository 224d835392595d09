/* SPDX-License-Identifier: EUPL-1.2 */
/* status_file: status.json, the per-source sync status. */
#include "config.h"

#include "sync/status_file.h"

#include "util/path.h"

#include "util/atomic_file.h"
#include "util/i18n.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static json_t *load(const char *dir)
{
	char *path = path_join(dir, "status.json");
	json_t *root = path ? json_load_file(path, 0, NULL) : NULL;
	free(path);
	if (!json_is_object(root)) {
		json_decref(root);
		root = json_object();
	}
	if (!json_is_object(json_object_get(root, "sources")))
		json_object_set_new(root, "sources", json_object());
	return root;
}

void status_file_read(const char *dir, const char *name, struct source_status *out)
{
	*out = (struct source_status){0};
	json_t *root = load(dir);
	json_t *s = json_object_get(json_object_get(root, "sources"), name);
	out->last_attempt = json_integer_value(json_object_get(s, "last_attempt_unix"));
	out->last_success = json_integer_value(json_object_get(s, "last_success_unix"));
	out->next_try = json_integer_value(json_object_get(s, "next_try_unix"));
	out->failures = (long)json_integer_value(json_object_get(s, "failures"));
	out->signature_refused = json_is_true(json_object_get(s, "signature_refused"));
	const char *err = json_string_value(json_object_get(s, "error"));
	out->error = err ? strdup(err) : NULL;
	json_decref(root);
}

bool status_file_write(const char *dir, const char *name, const struct source_status *st,
		       char **err)
{
	json_t *root = load(dir);
	json_t *s = json_pack("{s:I, s:I, s:I, s:I, s:b, s:s?}", "last_attempt_unix",
			      (json_int_t)st->last_attempt, "last_success_unix",
			      (json_int_t)st->last_success, "next_try_unix",
			      (json_int_t)st->next_try, "failures", (json_int_t)st->failures,
			      "signature_refused", st->signature_refused, "error", st->error);
	bool ok = false;
	char *text = NULL;
	if (s && json_object_set_new(json_object_get(root, "sources"), name, s) == 0)
		text = json_dumps(root, JSON_INDENT(2) | JSON_SORT_KEYS);
	char *path = text ? path_join(dir, "status.json") : NULL;
	if (path) {
		ok = atomic_file_write(path, text, strlen(text), err);
	} else if (asprintf(err, _("status.json: out of memory")) < 0) {
		*err = NULL;
	}
	free(text);
	free(path);
	json_decref(root);
	return ok;
}

void source_status_free(struct source_status *st)
{
	free(st->error);
	*st = (struct source_status){0};
}
