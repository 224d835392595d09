/* SPDX-License-Identifier: EUPL-1.2 */
/* printer: CUPS, opened lazily (the kiosk starts without it). */
#include "config.h"

#include "print/printer.h"

#include "util/err.h"
#include "util/i18n.h"
#include "util/lazy.h"
#include "util/path.h"

#include <cups/cups.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define CUPS_FUNCTIONS(F)                                                                          \
	F(create_job, "cupsCreateJob", int,                                                        \
	  (http_t *, const char *, const char *, int, cups_option_t *))                            \
	F(start_document, "cupsStartDocument", http_status_t,                                      \
	  (http_t *, const char *, int, const char *, const char *, int))                          \
	F(write_data, "cupsWriteRequestData", http_status_t, (http_t *, const char *, size_t))     \
	F(finish_document, "cupsFinishDocument", ipp_status_t, (http_t *, const char *))           \
	F(cancel_job, "cupsCancelJob2", ipp_status_t, (http_t *, const char *, int, int))          \
	F(get_jobs, "cupsGetJobs2", int, (http_t *, cups_job_t **, const char *, int, int))        \
	F(free_jobs, "cupsFreeJobs", void, (int, cups_job_t *))                                    \
	F(last_error, "cupsLastErrorString", const char *, (void))                                 \
	F(named_dest, "cupsGetNamedDest", cups_dest_t *, (http_t *, const char *, const char *))   \
	F(free_dests, "cupsFreeDests", void, (int, cups_dest_t *))                                 \
	F(get_option, "cupsGetOption", const char *, (const char *, int, cups_option_t *))

static struct {
	CUPS_FUNCTIONS(LAZY_MEMBER)
} C;

static bool load(char **err)
{
	static struct lazy_lib lib;
	static const char *const names[] = {CUPS_FUNCTIONS(LAZY_NAME)};
#define SLOT(member, symbol, ret, params) (void **)&C.member,
	void **const slots[] = {CUPS_FUNCTIONS(SLOT)};
#undef SLOT
	return lazy_load(&lib, "libcups.so.2", names, slots, LAZY_COUNT(names)) ||
	       err_give(err, path_format(_("no printing system: %s (install the Debian package "
					   "libcups2)"),
					 lib.why));
}

/* The job's state, or 0 when CUPS does not list it. */
static ipp_jstate_t job_state(const char *queue, int id)
{
	cups_job_t *jobs = NULL;
	int n = C.get_jobs(CUPS_HTTP_DEFAULT, &jobs, queue, 0, CUPS_WHICHJOBS_ALL);
	ipp_jstate_t state = 0;
	for (int i = 0; i < n; i++)
		if (jobs[i].id == id)
			state = jobs[i].state;
	C.free_jobs(n, jobs);
	return state;
}

/* What the queue says of itself: its state message or reasons. */
static void queue_reason(const char *queue, char *out, size_t size)
{
	cups_dest_t *d = C.named_dest(CUPS_HTTP_DEFAULT, queue, NULL);
	const char *why = NULL;
	if (d) {
		why = C.get_option("printer-state-message", d->num_options, d->options);
		if (!why || !*why)
			why = C.get_option("printer-state-reasons", d->num_options, d->options);
	}
	snprintf(out, size, "%s", why && *why ? why : "");
	if (d)
		C.free_dests(1, d);
}

bool printer_is_raw(const char *queue, bool *raw, char **err)
{
	if (!load(err))
		return false;
	cups_dest_t *d = C.named_dest(CUPS_HTTP_DEFAULT, queue, NULL);
	if (!d)
		return err_give(err, path_format(_("there is no printer queue %s (lpstat -p lists "
						   "them): %s"),
						 queue, C.last_error()));
	/* What CUPS calls a queue without a driver (lpadmin -m raw). */
	const char *model = C.get_option("printer-make-and-model", d->num_options, d->options);
	*raw = !model || !strcmp(model, "Local Raw Printer");
	C.free_dests(1, d);
	return true;
}

bool printer_send(const char *queue, const char *title, const char *format, const void *data,
		  size_t len, int wait_seconds, char **err)
{
	if (!load(err))
		return false;
	int id = C.create_job(CUPS_HTTP_DEFAULT, queue, title, 0, NULL);
	if (id <= 0)
		return err_give(err, path_format(_("printer %s cannot take the job: %s"), queue,
						 C.last_error()));
	bool sent = C.start_document(CUPS_HTTP_DEFAULT, queue, id, title, format, 1) ==
			HTTP_STATUS_CONTINUE &&
		    C.write_data(CUPS_HTTP_DEFAULT, data, len) == HTTP_STATUS_CONTINUE;
	bool finished = C.finish_document(CUPS_HTTP_DEFAULT, queue) == IPP_STATUS_OK;
	if (!sent || !finished) {
		C.cancel_job(CUPS_HTTP_DEFAULT, queue, id, 1);
		return err_give(err, path_format(_("printer %s cannot take the job: %s"), queue,
						 C.last_error()));
	}
	/* Printed, or given up: a slip nobody waits for is not printed later. */
	struct timespec start, now;
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		ipp_jstate_t state = job_state(queue, id);
		if (state == IPP_JSTATE_COMPLETED)
			return true;
		clock_gettime(CLOCK_MONOTONIC, &now);
		bool over = now.tv_sec - start.tv_sec >= wait_seconds;
		if (over || state == IPP_JSTATE_STOPPED || state == IPP_JSTATE_CANCELED ||
		    state == IPP_JSTATE_ABORTED) {
			char why[256];
			queue_reason(queue, why, sizeof(why));
			C.cancel_job(CUPS_HTTP_DEFAULT, queue, id, 1);
			return err_give(err,
					path_format(_("the printer is not available (%s): the job "
						      "was cancelled"),
						    *why ? why : _("it did not print in time")));
		}
		usleep(200 * 1000);
	}
}
