/* SPDX-License-Identifier: EUPL-1.2 */
/* recur_job: a feed's schedules expanded in a background thread while the
 * feed is being saved: on two cores, expanding (libical's iterator goes
 * through ICU calendars) and writing SQLite overlap instead of adding up. */
#ifndef AULATAULU_RECUR_JOB_H
#define AULATAULU_RECUR_JOB_H

#include "feed/feed.h"
#include "feed/recur.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct recur_job;

/* Starts expanding the schedules of f's activities over [from, until), in
 * order (recur_expand_feed's work): of those with wanted[i] (copied), or of
 * all when wanted is NULL; the others are left as they are. Without a
 * thread it expands them before returning. NULL only when out of memory.
 * Until recur_job_finish, f's activities are read only after
 * recur_job_ready said so, and f is neither changed nor freed. */
struct recur_job *recur_job_start(struct feed *f, int64_t from, int64_t until, const bool *wanted);

/* Waits until activity i of the feed has its occurrences. False when the
 * expansion ran out of memory: the feed cannot be saved whole. */
bool recur_job_ready(void *job, size_t i);

/* Stops the work left (a failed save needs none of it), waits for the
 * thread, gives the occurrences' memory to f's arena and frees the job.
 * *spent (may be NULL) receives what the expansion dropped (recur.h).
 * Returns false when the expansion ran out of memory. */
bool recur_job_finish(struct recur_job *job, struct recur_budget *spent);

#endif
