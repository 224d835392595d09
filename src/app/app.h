/* SPDX-License-Identifier: EUPL-1.2 */
/* app: the kiosk's event loop. One poll() waits on the terminal, the
 * signal self-pipe and the sync child; its timeout is the time to the next
 * timer (the one-second tick, the idle timeout, the next sync, systemd's
 * watchdog). Knows nothing of curses: the UI plugs in through struct
 * app_hooks.
 *
 * Signals only write to the self-pipe: SIGTERM and SIGHUP end the loop
 * cleanly; SIGINT, SIGQUIT and SIGTSTP are ignored (the terminal is in raw
 * mode as well, so Ctrl-C, Ctrl-\ and Ctrl-Z are plain keys). */
#ifndef AULATAULU_APP_H
#define AULATAULU_APP_H

#include "util/settings.h"

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

/* Seconds before the idle reset that the person is asked whether to go on;
 * a third of an idle timeout shorter than three times this. */
#define APP_IDLE_WARNING 10

/* How long before the idle reset (of idle_timeout seconds) the warning
 * comes, in milliseconds: every visitor is asked before their screen is
 * gone, however short the timeout. */
int64_t app_idle_warning_ms(long idle_timeout);

struct app_hooks {
	void *ctx;
	void (*input)(void *ctx);     /* the terminal has input (or a signal woke us) */
	void (*tick)(void *ctx);      /* about once a second (every 8 s when idle, on
					 the minute), and soon after the data directory changed */
	void (*idle)(void *ctx);      /* idle_timeout passed without input */
	void (*idle_soon)(void *ctx); /* app_idle_warning_ms before it (may be NULL) */
	void (*sync_done)(void *ctx); /* a sync child ended: maybe new data */
	void (*draw)(void *ctx);      /* once per pass: draw what is dirty */
	void (*report)(void *ctx);    /* SIGUSR1: an admin asks what is shown (may be NULL) */
};

struct app {
	const struct settings *cfg;
	const char *data_dir, *config_path; /* config_path may be NULL */
	const char *program;		    /* for the sync child's exec */
	int64_t base_now;		    /* "now" at start (the clock or --now) */
	struct timespec started;	    /* CLOCK_MONOTONIC at start */
	int64_t last_input_ms;		    /* monotonic ms of the last input */
	bool idle_sent, idle_warned, quit, sync_wanted;
	int64_t next_sync;   /* app_now() when the next sync is due */
	pid_t sync_pid;	     /* 0: none running */
	long child_failures; /* sync children in a row that ended abnormally */
	int sync_fd;	     /* read end: EOF when the child ends */
	int signal_fd[2];
	int watch_fd; /* inotify on data_dir (-1: none): a change wakes the loop */
	int terminal_fd;
	long idle_timeout;		   /* seconds */
	bool ready_sent;		   /* READY=1 told to systemd */
	int64_t watchdog_ms, next_ping_ms; /* WatchdogSec (0: none), next WATCHDOG=1 */
};

/* Prepares a; nothing runs yet. now is the starting time (--now or the clock). */
bool app_init(struct app *a, const struct settings *cfg, const char *data_dir,
	      const char *config_path, const char *program, int64_t now, int terminal_fd);

/* Runs until SIGTERM or SIGHUP, or the terminal goes away. Returns 0. */
int app_run(struct app *a, const struct app_hooks *h);

/* The current time: the starting time plus the time since the start. */
int64_t app_now(const struct app *a);

/* Seconds without input before the idle hook runs (admin mode: longer). */
void app_set_idle_timeout(struct app *a, long seconds);

/* Input arrived: the idle timer starts again. */
void app_note_input(struct app *a);

/* Starts a sync of every source now (the admin's "sync now"), unless one
 * is running. */
void app_request_sync(struct app *a);
bool app_syncing(const struct app *a);

/* Ends the sync child, if any, and restores signal handling. */
void app_cleanup(struct app *a);

#endif
