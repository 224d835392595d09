/* SPDX-License-Identifier: EUPL-1.2 */
/* self_spawn: this program again, as the kiosk's child. */
#include "config.h"

#include "app/self_spawn.h"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

pid_t self_spawn(const char *program, const char *config_path, const char *data_dir, int in_fd,
		 int keep_fd, const char *const *args)
{
	pid_t pid = fork();
	if (pid != 0)
		return pid;
	if (keep_fd >= 0)
		fcntl(keep_fd, F_SETFD, 0);
	int devnull = open("/dev/null", O_RDWR);
	dup2(in_fd >= 0 ? in_fd : devnull, 0);
	dup2(devnull, 1);
	/* Its diagnostics go where the kiosk's go (under systemd, the
	 * journal), but never onto the screen the kiosk draws on. */
	if (isatty(2))
		dup2(devnull, 2);
	unsetenv("NOTIFY_SOCKET"); /* the kiosk speaks to systemd, not its children */
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	signal(SIGPIPE, SIG_DFL);
	const char *argv[16];
	int n = 0;
	argv[n++] = program;
	if (config_path) {
		argv[n++] = "--config";
		argv[n++] = config_path;
	}
	argv[n++] = "--data-dir";
	argv[n++] = data_dir;
	for (int i = 0; args[i] && n < 15; i++)
		argv[n++] = args[i];
	argv[n] = NULL;
	execv(program, (char *const *)argv);
	_exit(127);
}
