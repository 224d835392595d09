/* SPDX-License-Identifier: EUPL-1.2 */
/* recur_job: schedules expanded beside the save. */
#include "config.h"

#include "sync/recur_job.h"

#include "feed/recur.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

struct recur_job {
	struct feed *f;
	int64_t from, until;
	bool *wanted;	    /* NULL: every activity */
	struct arena arena; /* the thread's own; f->arena's once finished */
	pthread_t thread;
	bool threaded;
	pthread_mutex_t lock;
	pthread_cond_t progressed;
	atomic_size_t done; /* activities [0, done) have their occurrences */
	atomic_bool failed, cancel;
	struct recur_budget budget; /* the thread's until it is joined */
};

static void *expand_all(void *arg)
{
	struct recur_job *j = arg;
	struct feed *f = j->f;
	for (size_t i = 0; i < f->n_activities && !atomic_load(&j->cancel); i++) {
		bool ok = (j->wanted && !j->wanted[i]) ||
			  recur_expand(&j->arena, &f->activities[i], f->header.timezone, j->from,
				       j->until, &j->budget);
		pthread_mutex_lock(&j->lock);
		if (ok)
			atomic_store(&j->done, i + 1); /* publishes activity i */
		else
			atomic_store(&j->failed, true);
		pthread_cond_broadcast(&j->progressed);
		pthread_mutex_unlock(&j->lock);
		if (!ok)
			break;
	}
	return NULL;
}

struct recur_job *recur_job_start(struct feed *f, int64_t from, int64_t until, const bool *wanted)
{
	struct recur_job *j = calloc(1, sizeof(*j));
	if (!j)
		return NULL;
	if (wanted && f->n_activities) {
		if (!(j->wanted = malloc(f->n_activities * sizeof(*wanted)))) {
			free(j);
			return NULL;
		}
		memcpy(j->wanted, wanted, f->n_activities * sizeof(*wanted));
	}
	j->f = f;
	j->from = from;
	j->until = until;
	pthread_mutex_init(&j->lock, NULL);
	pthread_cond_init(&j->progressed, NULL);
	j->threaded = pthread_create(&j->thread, NULL, expand_all, j) == 0;
	if (!j->threaded)
		expand_all(j); /* one core's worth, in this thread */
	return j;
}

bool recur_job_ready(void *job, size_t i)
{
	struct recur_job *j = job;
	if (atomic_load(&j->done) > i)
		return true;
	pthread_mutex_lock(&j->lock);
	while (atomic_load(&j->done) <= i && !atomic_load(&j->failed))
		pthread_cond_wait(&j->progressed, &j->lock);
	bool ready = atomic_load(&j->done) > i;
	pthread_mutex_unlock(&j->lock);
	return ready;
}

bool recur_job_finish(struct recur_job *j, struct recur_budget *spent)
{
	atomic_store(&j->cancel, true);
	if (j->threaded)
		pthread_join(j->thread, NULL);
	bool ok = !atomic_load(&j->failed);
	if (spent)
		*spent = j->budget;
	arena_adopt(&j->f->arena, &j->arena);
	pthread_cond_destroy(&j->progressed);
	pthread_mutex_destroy(&j->lock);
	free(j->wanted);
	free(j);
	return ok;
}
