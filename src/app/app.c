/* SPDX-License-Identifier: EUPL-1.2 */
/* app: the kiosk's event loop. */
#include "config.h"

#include "app/app.h"

#include "app/self_spawn.h"
#include "util/notify.h"

#include "sync/sync_run.h"
#include "util/timefmt.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/wait.h>
#include <unistd.h>

static int signal_write_fd = -1;

static void on_signal(int sig)
{
	int saved = errno;
	unsigned char b = (unsigned char)sig;
	if (signal_write_fd >= 0 && write(signal_write_fd, &b, 1) < 0) {
		/* The pipe is full: a wake-up is already pending. */
	}
	errno = saved;
}

static int64_t mono_ms(void)
{
	return (int64_t)timefmt_monotonic_ms();
}

/* With nobody at the terminal (after the idle reset) the loop ticks this
 * seldom, not every second: an idle lobby's terminal wakes a few hundred
 * times an hour, not thousands (make bench counts them). What changes in
 * the data directory wakes it at once (watch_fd). */
#define IDLE_TICK_MS 8000
/* A change seen is acted on at most this often: a sync writing its log
 * would otherwise wake the loop for every page. */
#define CHANGE_CHECK_MS 200

bool app_init(struct app *a, const struct settings *cfg, const char *data_dir,
	      const char *config_path, const char *program, int64_t now, int terminal_fd)
{
	*a = (struct app){.cfg = cfg,
			  .data_dir = data_dir,
			  .config_path = config_path,
			  .program = program,
			  .base_now = now,
			  .sync_fd = -1,
			  .watch_fd = -1,
			  .terminal_fd = terminal_fd};
	clock_gettime(CLOCK_MONOTONIC, &a->started);
	/* A sync beside the kiosk, the liaison person's command, a replaced
	 * status.json: any write in the data directory. Without inotify the
	 * loop ticks every second even when idle, as it did. */
	a->watch_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (a->watch_fd >= 0 &&
	    inotify_add_watch(a->watch_fd, data_dir,
			      IN_MODIFY | IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_TO |
				  IN_MOVED_FROM) < 0) {
		close(a->watch_fd);
		a->watch_fd = -1;
	}
	a->last_input_ms = mono_ms();
	if (pipe2(a->signal_fd, O_CLOEXEC | O_NONBLOCK) != 0)
		return false;
	signal_write_fd = a->signal_fd[1];
	struct sigaction sa = {.sa_handler = on_signal};
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);
	signal(SIGINT, SIG_IGN);
	signal(SIGQUIT, SIG_IGN);
	signal(SIGTSTP, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
	/* A blocked mask is inherited across exec: whoever started us, the
	 * signals we answer must arrive. */
	sigset_t wanted;
	sigemptyset(&wanted);
	sigaddset(&wanted, SIGTERM);
	sigaddset(&wanted, SIGHUP);
	sigaddset(&wanted, SIGWINCH);
	sigaddset(&wanted, SIGUSR1);
	sigprocmask(SIG_UNBLOCK, &wanted, NULL);
	a->idle_timeout = cfg->idle_timeout;
	a->next_sync = now; /* a first sync at once */
	return true;
}

int64_t app_now(const struct app *a)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return a->base_now + (int64_t)(ts.tv_sec - a->started.tv_sec) -
	       (ts.tv_nsec < a->started.tv_nsec ? 1 : 0);
}

void app_note_input(struct app *a)
{
	a->last_input_ms = mono_ms();
	a->idle_sent = a->idle_warned = false;
}

int64_t app_idle_warning_ms(long idle_timeout)
{
	return idle_timeout >= 3 * APP_IDLE_WARNING ? APP_IDLE_WARNING * 1000
						    : (int64_t)idle_timeout * 1000 / 3;
}

/* When, in monotonic ms, the warning before the idle reset is due. */
static int64_t idle_warning_at(const struct app *a)
{
	return a->last_input_ms + (int64_t)a->idle_timeout * 1000 -
	       app_idle_warning_ms(a->idle_timeout);
}

void app_set_idle_timeout(struct app *a, long seconds)
{
	a->idle_timeout = seconds;
}

bool app_syncing(const struct app *a)
{
	return a->sync_pid != 0;
}

void app_request_sync(struct app *a)
{
	a->sync_wanted = true;
}

/* The sync runs as `program [--config F] --data-dir D --now T sync [--due]`
 * in a process of its own: a crash while parsing cannot take the screen
 * down, and no SQLite connection is carried across fork(). */
static void start_sync(struct app *a, bool all)
{
	int fds[2];
	if (pipe2(fds, O_CLOEXEC) != 0)
		return;
	char now[TIMEFMT_BUFSIZE];
	timefmt_format(app_now(a), now);
	/* fds[1] stays open in the child until it ends: EOF says it has. */
	const char *args[] = {"--now", now, "sync", all ? NULL : "--due", NULL};
	pid_t pid = self_spawn(a->program, a->config_path, a->data_dir, -1, fds[1], args);
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return;
	}
	close(fds[1]);
	a->sync_pid = pid;
	a->sync_fd = fds[0];
	a->sync_wanted = false;
}

static void reap_sync(struct app *a, const struct app_hooks *h)
{
	int status = 0;
	while (waitpid(a->sync_pid, &status, 0) < 0 && errno == EINTR)
		;
	close(a->sync_fd);
	a->sync_pid = 0;
	a->sync_fd = -1;
	/* A sync that ran records its result, and its back-off, in
	 * status.json. One that crashed, was killed, could not be started or
	 * could not record anything would be due again at once: it backs off
	 * here, like a failed sync, instead of being forked in a loop. */
	int64_t now = app_now(a), due = sync_next_due(a->cfg, a->data_dir, now);
	bool ran = WIFEXITED(status) && (WEXITSTATUS(status) == 0 || WEXITSTATUS(status) == 1);
	if (!ran || due <= now) {
		a->child_failures++;
		int64_t later = sync_next_try(now, a->child_failures, 0);
		due = due > later ? due : later;
	} else {
		a->child_failures = 0;
	}
	a->next_sync = due;
	if (h->sync_done)
		h->sync_done(h->ctx);
}

/* Monotonic ms of the next tick after one at last_ms: the next whole
 * second, or with nobody at the terminal the next IDLE_TICK_MS, and never
 * after the next minute of app_now() (the clock on the screen). */
static int64_t next_tick_at(const struct app *a, int64_t last_ms)
{
	int64_t period = a->idle_sent && a->watch_fd >= 0 ? IDLE_TICK_MS : 1000;
	int64_t next = (last_ms / period + 1) * period;
	int64_t started_ms = (int64_t)a->started.tv_sec * 1000 + a->started.tv_nsec / 1000000;
	int64_t app_ms = a->base_now * 1000 + (last_ms - started_ms);
	int64_t minute = last_ms + 60000 - (app_ms % 60000 + 60000) % 60000;
	return next < minute ? next : minute;
}

/* Milliseconds until the next timer: the tick (or a change's check), the
 * idle timeout, a sync due. */
static int next_timeout(const struct app *a, int64_t tick_at)
{
	int64_t now_ms = mono_ms();
	int64_t wait = tick_at > now_ms ? tick_at - now_ms : 0;
	if (!a->sync_pid) { /* in seconds first: next_sync may be far off */
		int64_t due = a->next_sync - app_now(a);
		if (due < wait / 1000)
			wait = due < 0 ? 0 : due * 1000;
	}
	if (!a->idle_sent) {
		int64_t idle = a->last_input_ms + a->idle_timeout * 1000 - now_ms;
		if (idle < wait)
			wait = idle < 0 ? 0 : idle;
	}
	if (!a->idle_warned && !a->idle_sent) {
		int64_t warn = idle_warning_at(a) - now_ms;
		if (warn < wait)
			wait = warn < 0 ? 0 : warn;
	}
	if (a->watchdog_ms && a->next_ping_ms - now_ms < wait)
		wait = a->next_ping_ms > now_ms ? a->next_ping_ms - now_ms : 0;
	return (int)wait;
}

/* Under systemd (Type=notify): READY once the first screen is drawn, then
 * WATCHDOG twice per WatchdogSec from this loop, so that a kiosk whose
 * loop hangs stops pinging and is restarted. Outside systemd notify_send
 * does nothing. */
static void tell_systemd(struct app *a, int64_t now_ms)
{
	if (!a->ready_sent) {
		a->ready_sent = true;
		notify_send("READY=1");
		uint64_t usec = notify_watchdog_usec();
		if (usec >= 2000)
			a->watchdog_ms = (int64_t)(usec / 1000);
	}
	if (a->watchdog_ms && now_ms >= a->next_ping_ms) {
		notify_send("WATCHDOG=1");
		a->next_ping_ms = now_ms + a->watchdog_ms / 2;
	}
}

/* Reads away what the watch saw (only that something changed matters). */
static void drain_watch(int fd)
{
	_Alignas(struct inotify_event) char events[4096];
	while (read(fd, events, sizeof(events)) > 0)
		;
}

int app_run(struct app *a, const struct app_hooks *h)
{
	int64_t last_tick = mono_ms(), tick_at = last_tick;
	bool changed = false; /* the watch saw a change not yet acted on */
	while (!a->quit) {
		if (!a->sync_pid && (a->sync_wanted || app_now(a) >= a->next_sync))
			start_sync(a, a->sync_wanted);
		h->draw(h->ctx);
		tell_systemd(a, mono_ms());
		/* A change seen is acted on by a tick CHANGE_CHECK_MS after the
		 * last one; meanwhile the watch is not polled. */
		int64_t due = changed && last_tick + CHANGE_CHECK_MS < tick_at
				  ? last_tick + CHANGE_CHECK_MS
				  : tick_at;
		struct pollfd fds[4] = {{.fd = a->terminal_fd, .events = POLLIN},
					{.fd = a->signal_fd[0], .events = POLLIN},
					{.fd = changed ? -1 : a->watch_fd, .events = POLLIN},
					{.fd = a->sync_fd, .events = POLLIN}};
		int rc = poll(fds, a->sync_pid ? 4 : 3, next_timeout(a, due));
		if (rc < 0 && errno == EINTR) {
			h->input(h->ctx); /* e.g. SIGWINCH: curses reports the resize as a key */
			continue;
		}
		if (rc > 0 && (fds[1].revents & POLLIN)) {
			unsigned char sig;
			while (read(a->signal_fd[0], &sig, 1) == 1)
				if (sig == SIGTERM || sig == SIGHUP)
					a->quit = true;
				else if (sig == SIGUSR1 && h->report)
					h->report(h->ctx);
		}
		if (rc > 0 && (fds[0].revents & (POLLIN | POLLHUP | POLLERR))) {
			if (fds[0].revents & (POLLHUP | POLLERR))
				a->quit = true; /* the terminal went away */
			else
				h->input(h->ctx);
		}
		if (rc > 0 && (fds[2].revents & POLLIN)) {
			drain_watch(a->watch_fd);
			changed = true;
		}
		if (a->sync_pid && rc > 0 && (fds[3].revents & (POLLIN | POLLHUP | POLLERR)))
			reap_sync(a, h);
		int64_t now_ms = mono_ms();
		if (!a->idle_sent && !a->idle_warned && now_ms >= idle_warning_at(a)) {
			a->idle_warned = true;
			if (h->idle_soon)
				h->idle_soon(h->ctx);
		}
		if (!a->idle_sent && now_ms - a->last_input_ms >= a->idle_timeout * 1000) {
			a->idle_sent = true;
			h->idle(h->ctx);
		}
		/* Input shortens an idle wait: the next whole second. */
		int64_t next = next_tick_at(a, last_tick);
		if (next < tick_at)
			tick_at = next;
		if (now_ms >= tick_at || (changed && now_ms >= last_tick + CHANGE_CHECK_MS)) {
			changed = false;
			last_tick = now_ms;
			tick_at = next_tick_at(a, now_ms);
			h->tick(h->ctx);
		}
	}
	notify_send("STOPPING=1");
	return 0;
}

void app_cleanup(struct app *a)
{
	if (a->sync_pid) {
		kill(a->sync_pid, SIGTERM);
		waitpid(a->sync_pid, NULL, 0);
		close(a->sync_fd);
		a->sync_pid = 0;
	}
	signal_write_fd = -1;
	if (a->watch_fd >= 0)
		close(a->watch_fd);
	a->watch_fd = -1;
	close(a->signal_fd[0]);
	close(a->signal_fd[1]);
	signal(SIGTERM, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
}
