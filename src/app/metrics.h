/* SPDX-License-Identifier: EUPL-1.2 */
/* metrics: the terminal's health as a Prometheus textfile (metrics_file),
 * for node_exporter's textfile collector, so that a fleet is watched with
 * the tools its admins already run. Written whole and renamed into place
 * after each sync and by the running kiosk; docs/admin.md lists the series and
 * an alert rule. */
#ifndef AULATAULU_METRICS_H
#define AULATAULU_METRICS_H

#include "util/settings.h"

#include <stdbool.h>
#include <stdint.h>

struct store;

/* Writes cfg->metrics_file (when set) from status.json and the cache of
 * data_dir and store s (opened with the local data), as at now. False
 * and *err (caller frees) when it cannot be written. */
bool metrics_write(const struct settings *cfg, const char *data_dir, struct store *s, int64_t now,
		   char **err);

/* The running kiosk holds this lock (kiosk.lock in data_dir, which holds
 * its pid) while it runs: the fd to close at its end, or -1 when another
 * kiosk has it. */
int metrics_kiosk_lock(const char *data_dir);

/* The pid of the kiosk that runs on data_dir, or 0 when none does. */
int metrics_kiosk_pid(const char *data_dir);

#endif
