/* SPDX-License-Identifier: EUPL-1.2 */
/* screen_report: screen.json, the kiosk's screen for a remote admin. */
#include "config.h"

#include "app/screen_report.h"

#include "util/atomic_file.h"
#include "util/i18n.h"
#include "app/metrics.h"
#include "util/path.h"
#include "util/timefmt.h"

#include <errno.h>
#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

bool screen_report_write(const char *data_dir, const struct screen_report *r, char **err)
{
	*err = NULL;
	json_t *doc = json_pack("{s:s, s:I, s:I, s:b, s:b, s:i, s:i, s:s?}", "screen", r->screen,
				"since_unix", (json_int_t)r->since, "written_unix",
				(json_int_t)r->written, "in_use", r->in_use, "dark", r->dark,
				"rows", r->rows, "cols", r->cols, "text", r->text);
	char *text = doc ? json_dumps(doc, JSON_INDENT(2)) : NULL;
	char *path = path_join(data_dir, "screen.json");
	bool ok = text && path && atomic_file_write(path, text, strlen(text), err);
	if (!ok && !*err)
		*err = strdup(_("out of memory"));
	free(path);
	free(text);
	json_decref(doc);
	return ok;
}

bool screen_report_read(const char *data_dir, struct screen_report *r)
{
	*r = (struct screen_report){0};
	char *path = path_join(data_dir, "screen.json");
	json_t *doc = path ? json_load_file(path, 0, NULL) : NULL;
	free(path);
	const char *screen = json_string_value(json_object_get(doc, "screen"));
	if (!screen) {
		json_decref(doc);
		return false;
	}
	snprintf(r->screen, sizeof(r->screen), "%s", screen);
	r->since = json_integer_value(json_object_get(doc, "since_unix"));
	r->written = json_integer_value(json_object_get(doc, "written_unix"));
	r->in_use = json_is_true(json_object_get(doc, "in_use"));
	r->dark = json_is_true(json_object_get(doc, "dark"));
	r->rows = (int)json_integer_value(json_object_get(doc, "rows"));
	r->cols = (int)json_integer_value(json_object_get(doc, "cols"));
	const char *text = json_string_value(json_object_get(doc, "text"));
	r->text = text && !r->in_use ? strdup(text) : NULL;
	json_decref(doc);
	return true;
}

void screen_report_free(struct screen_report *r)
{
	free(r->text);
	r->text = NULL;
}

/* screen.json's modification time, or 0 when there is none. */
static int64_t written_ns(const char *data_dir)
{
	char *path = path_join(data_dir, "screen.json");
	struct stat sb;
	int64_t ns = path && stat(path, &sb) == 0
			 ? (int64_t)sb.st_mtim.tv_sec * 1000000000 + sb.st_mtim.tv_nsec
			 : 0;
	free(path);
	return ns;
}

enum screen_request screen_report_request(const char *data_dir, int timeout_ms,
					  struct screen_report *r)
{
	*r = (struct screen_report){0};
	pid_t pid = metrics_kiosk_pid(data_dir);
	if (pid == 0)
		return SCREEN_NO_KIOSK;
	if (pid < 0) /* a kiosk that did not say its pid: never kill(-1) */
		return SCREEN_NO_ANSWER;
	int64_t before = written_ns(data_dir);
	if (kill(pid, SIGUSR1) != 0) /* another user's kiosk (EPERM), or just ended */
		return errno == EPERM ? SCREEN_NO_ANSWER : SCREEN_NO_KIOSK;
	for (int waited = 0; waited < timeout_ms; waited += 20) {
		nanosleep(&(struct timespec){.tv_nsec = 20 * 1000000}, NULL);
		if (written_ns(data_dir) != before && screen_report_read(data_dir, r))
			return SCREEN_REPORTED;
	}
	return SCREEN_NO_ANSWER;
}
