/* SPDX-License-Identifier: EUPL-1.2 */
/* resume: the visitor's place over a restart at another text size. */
#include "config.h"

#include "resume.h"

#include "util/atomic_file.h"
#include "util/err.h"
#include "util/i18n.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

bool resume_write(const char *path, const struct resume *r, char **err)
{
	json_t *screens = json_array();
	for (int i = 0; i < r->n && i < RESUME_MAX_SCREENS; i++)
		json_array_append_new(
		    screens, json_pack("{s:s, s:i, s:[s, s]}", "name", r->screens[i].name, "number",
				       r->screens[i].state.number, "text",
				       r->screens[i].state.text[0], r->screens[i].state.text[1]));
	json_t *printed = json_array();
	for (int i = 0; i < r->n_printed && i < RESUME_MAX_PRINTED; i++)
		json_array_append_new(printed, json_string(r->printed[i]));
	json_t *doc =
	    json_pack("{s:s, s:o, s:o}", "lang", r->lang, "screens", screens, "printed", printed);
	char *text = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
	json_decref(doc);
	if (!text)
		return err_say(err, _("out of memory"));
	/* 0600: what a visitor looked at is for this kiosk alone. */
	bool ok = atomic_file_write_mode(path, text, strlen(text), 0600, err);
	free(text);
	return ok;
}

static void copy_text(char *dst, size_t size, json_t *s)
{
	snprintf(dst, size, "%s", json_is_string(s) ? json_string_value(s) : "");
}

bool resume_take(const char *path, int64_t now, struct resume *r)
{
	struct stat sb;
	bool fresh = stat(path, &sb) == 0 && S_ISREG(sb.st_mode) && now - sb.st_mtime >= -2 &&
		     now - sb.st_mtime <= RESUME_MAX_AGE;
	json_t *doc = fresh ? json_load_file(path, 0, NULL) : NULL;
	unlink(path); /* read once, whatever it held */
	*r = (struct resume){0};
	if (!doc)
		return false;
	copy_text(r->lang, sizeof(r->lang), json_object_get(doc, "lang"));
	json_t *screens = json_object_get(doc, "screens"), *s;
	size_t i;
	json_array_foreach(screens, i, s)
	{
		if (r->n == RESUME_MAX_SCREENS || !json_is_object(s))
			break;
		copy_text(r->screens[r->n].name, sizeof(r->screens[r->n].name),
			  json_object_get(s, "name"));
		struct resume_state *st = &r->screens[r->n].state;
		st->number = (int)json_integer_value(json_object_get(s, "number"));
		json_t *text = json_object_get(s, "text");
		copy_text(st->text[0], sizeof(st->text[0]), json_array_get(text, 0));
		copy_text(st->text[1], sizeof(st->text[1]), json_array_get(text, 1));
		r->n++;
	}
	json_array_foreach(json_object_get(doc, "printed"), i, s)
	{
		if (r->n_printed == RESUME_MAX_PRINTED)
			break;
		copy_text(r->printed[r->n_printed], sizeof(r->printed[0]), s);
		r->n_printed += json_is_string(s);
	}
	json_decref(doc);
	return true;
}
