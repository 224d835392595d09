/* SPDX-License-Identifier: EUPL-1.2 */
/* self_spawn: the kiosk's helpers (a sync, a speech) are this very program
 * run again in a child process: `program [--config F] --data-dir D
 * ARGS...`, with stdin from in_fd (or /dev/null), stdout to /dev/null and
 * stderr kept for the journal unless it is the screen's terminal; keep_fd
 * (or -1) stays open in it across exec. */
#ifndef AULATAULU_SELF_SPAWN_H
#define AULATAULU_SELF_SPAWN_H

#include <sys/types.h>

/* Returns the child's pid, or -1 when it cannot fork. */
pid_t self_spawn(const char *program, const char *config_path, const char *data_dir, int in_fd,
		 int keep_fd, const char *const *args);

#endif
