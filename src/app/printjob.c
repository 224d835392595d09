/* SPDX-License-Identifier: EUPL-1.2 */
/* printjob: slips printed in a process of their own. */
#include "config.h"

#include "app/printjob.h"

#include "app/self_spawn.h"
#include "util/atomic_file.h"
#include "util/i18n.h"
#include "util/path.h"
#include "util/textbuf.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <syslog.h>
#include <time.h>

/* The hour's slips as a previous kiosk of this session left them: the
 * times (the real clock's) of the last hour, one a line. */
static void read_hour(struct printjob *pj)
{
	FILE *f = pj->hour_path ? fopen(pj->hour_path, "r") : NULL;
	if (!f)
		return;
	int64_t now = (int64_t)time(NULL);
	long long t;
	while (pj->n_hour < PRINTJOB_HOUR_MAX && fscanf(f, "%lld", &t) == 1)
		if (now - t < 3600 && t <= now + 60)
			pj->hour[pj->n_hour++] = (int64_t)t;
	fclose(f);
}

static void write_hour(const struct printjob *pj)
{
	if (!pj->hour_path)
		return;
	struct textbuf b = {0};
	char line[32];
	for (int i = 0; i < pj->n_hour; i++)
		textbuf_add(&b, line,
			    (size_t)snprintf(line, sizeof(line), "%lld\n", (long long)pj->hour[i]));
	char *err = NULL;
	if (b.failed || !atomic_file_write_mode(pj->hour_path, b.s ? b.s : "", b.len, 0600, &err))
		syslog(LOG_WARNING, _("the hour's slips cannot be kept over a restart: %s"),
		       err ? err : _("out of memory"));
	free(err);
	free(b.s);
}

void printjob_init(struct printjob *pj, const struct settings *cfg, const char *program,
		   const char *config_path, const char *data_dir, const char *session_dir)
{
	*pj = (struct printjob){.program = program,
				.config_path = config_path,
				.data_dir = data_dir,
				.on = cfg->printer && *cfg->printer,
				.per_hour = cfg->prints_per_hour < PRINTJOB_HOUR_MAX
						? cfg->prints_per_hour
						: PRINTJOB_HOUR_MAX};
	if (pj->on && session_dir && *session_dir)
		pj->hour_path = path_join(session_dir, PRINTJOB_HOUR_FILE);
	read_hour(pj);
}

void printjob_free(struct printjob *pj)
{
	free(pj->hour_path);
	pj->hour_path = NULL;
}

void printjob_visit_printed(struct printjob *pj, const char (*keys)[256], int n)
{
	for (int i = 0; i < n && pj->n_printed < PRINTJOB_VISIT_MAX; i++)
		snprintf(pj->printed[pj->n_printed++], sizeof(pj->printed[0]), "%s", keys[i]);
}

bool printjob_available(const struct printjob *pj)
{
	return pj && pj->on;
}

enum printjob_state printjob_poll(struct printjob *pj)
{
	int status;
	if (pj->pid && waitpid(pj->pid, &status, WNOHANG) == pj->pid) {
		pj->pid = 0;
		pj->state = WIFEXITED(status) && WEXITSTATUS(status) == 0 ? PRINTJOB_PRINTED
									  : PRINTJOB_FAILED;
		if (pj->state == PRINTJOB_PRINTED) {
			stats_slip(pj->stats, pj->started_at);
			if (*pj->source)
				stats_activity(pj->stats, pj->started_at, STATS_PRINTED, pj->source,
					       pj->id);
		}
	}
	return pj->state;
}

static void key_of(char key[256], const char *source, const char *id)
{
	snprintf(key, 256, "%s/%s", source ? source : "", id);
}

enum printjob_state printjob_state_of(struct printjob *pj, const char *source, const char *id)
{
	char key[256];
	key_of(key, source, id);
	return strcmp(key, pj->activity) == 0 ? printjob_poll(pj) : PRINTJOB_IDLE;
}

enum printjob_state printjob_start(struct printjob *pj, const char *source, const char *id,
				   const char *lang, int64_t now)
{
	if (!printjob_available(pj) || printjob_poll(pj) == PRINTJOB_PRINTING)
		return pj->state;
	key_of(pj->activity, source, id);
	for (int i = 0; i < pj->n_printed; i++)
		if (!strcmp(pj->printed[i], pj->activity))
			return pj->state = PRINTJOB_AGAIN;
	int in_hour = 0;
	int64_t real_now = (int64_t)time(NULL);
	for (int i = 0; i < pj->n_hour; i++)
		in_hour += real_now - pj->hour[i] < 3600;
	if (in_hour >= pj->per_hour)
		return pj->state = PRINTJOB_RESTING;
	const char *args[] = {"--lang",
			      lang,
			      "print",
			      source ? "--source" : "--notice",
			      source ? source : id,
			      source ? id : NULL,
			      NULL};
	pid_t pid = self_spawn(pj->program, pj->config_path, pj->data_dir, -1, -1, args);
	if (pid < 0)
		return pj->state = PRINTJOB_FAILED;
	pj->pid = pid;
	pj->started_at = now;
	snprintf(pj->source, sizeof(pj->source), "%s", source ? source : "");
	snprintf(pj->id, sizeof(pj->id), "%s", id);
	/* The hour's slips: the oldest start is replaced once the list is full. */
	int slot = pj->n_hour < PRINTJOB_HOUR_MAX ? pj->n_hour++ : 0;
	for (int i = 0; i < pj->n_hour; i++)
		if (pj->hour[i] < pj->hour[slot])
			slot = i;
	pj->hour[slot] = (int64_t)time(NULL); /* the real clock: kept over a restart */
	write_hour(pj);
	if (pj->n_printed < PRINTJOB_VISIT_MAX)
		snprintf(pj->printed[pj->n_printed++], sizeof(pj->printed[0]), "%s", pj->activity);
	return pj->state = PRINTJOB_PRINTING;
}

void printjob_forget(struct printjob *pj)
{
	if (!pj)
		return;
	pj->n_printed = 0;
	if (pj->state != PRINTJOB_PRINTING)
		pj->state = PRINTJOB_IDLE;
	pj->activity[0] = '\0';
}
