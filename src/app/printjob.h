/* SPDX-License-Identifier: EUPL-1.2 */
/* printjob: the kiosk's Print button. A slip is printed by a process of
 * its own (`aulataulu print --source S ID`, `aulataulu print --notice
 * ID`), so that a slow or stuck printer never holds up the screen; its
 * exit says printed or not (the printer's own wait, printer_wait, cancels
 * a job it cannot print). At most one slip of an activity or announcement
 * a visit and prints_per_hour slips an hour: paper costs money. Nothing
 * about the visitor is printed or kept; the slips printed are counted in
 * the anonymous statistics (stats.h). */
#ifndef AULATAULU_PRINTJOB_H
#define AULATAULU_PRINTJOB_H

#include "app/stats.h"
#include "util/settings.h"

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

enum printjob_state {
	PRINTJOB_IDLE,
	PRINTJOB_PRINTING,
	PRINTJOB_PRINTED,
	PRINTJOB_FAILED,  /* the printer is not available */
	PRINTJOB_AGAIN,	  /* this activity's slip was printed this visit */
	PRINTJOB_RESTING, /* the hour's slips are printed */
};

#define PRINTJOB_VISIT_MAX 16
#define PRINTJOB_HOUR_MAX 1000
#define PRINTJOB_HOUR_FILE "print-hour" /* in the session's directory */

struct printjob {
	const char *program, *config_path, *data_dir;
	struct stats *stats; /* where printed slips are counted, or NULL */
	bool on;
	long per_hour;
	pid_t pid;
	enum printjob_state state;
	char activity[256];	   /* "source/id" (an announcement: "/id") the state is about */
	char source[128], id[256]; /* of the slip being printed ("" source: an announcement) */
	int64_t started_at;
	char printed[PRINTJOB_VISIT_MAX][256];
	int n_printed;
	int64_t hour[PRINTJOB_HOUR_MAX]; /* when the last slips were started */
	int n_hour;
	char *hour_path; /* where they are kept over a restart, or NULL */
};

/* With session_dir (the cage session's runtime directory), the hour's
 * slips are kept there, so that a restart at another text size (A+, A-)
 * or after a crash does not start the hour's count again. */
void printjob_init(struct printjob *pj, const struct settings *cfg, const char *program,
		   const char *config_path, const char *data_dir, const char *session_dir);
void printjob_free(struct printjob *pj);

/* The visit's slips printed before a restart at another text size
 * ("source/id" keys, as printed holds them). */
void printjob_visit_printed(struct printjob *pj, const char (*keys)[256], int n);

/* Is there a printer (the Print button is shown)? */
bool printjob_available(const struct printjob *pj);

/* Prints activity id of source (NULL source: announcement id) in lang,
 * unless this visit printed it or the hour's slips are spent; returns the
 * state it is in. */
enum printjob_state printjob_start(struct printjob *pj, const char *source, const char *id,
				   const char *lang, int64_t now);

/* The state, noting a print process that has ended (a slip printed is
 * counted). */
enum printjob_state printjob_poll(struct printjob *pj);

/* The state about activity id of source, or announcement id with NULL
 * source (PRINTJOB_IDLE about another). */
enum printjob_state printjob_state_of(struct printjob *pj, const char *source, const char *id);

/* The visit has ended: its slips are forgotten (a slip being printed
 * still prints). */
void printjob_forget(struct printjob *pj);

#endif
