/* SPDX-License-Identifier: EUPL-1.2 */
/* speaker: speech in a process of its own, ended at the next input. */
#include "config.h"

#include "app/speaker.h"

#include "app/self_spawn.h"

#include "speech/speech.h"
#include "util/i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <syslog.h>
#include <unistd.h>

void speaker_init(struct speaker *sp, const struct settings *cfg, const char *program,
		  const char *config_path, const char *data_dir)
{
	*sp =
	    (struct speaker){.program = program, .config_path = config_path, .data_dir = data_dir};
	struct speech_voice v = {.device = cfg->speech_device};
	char *err = NULL;
	if (!cfg->speech) {
		sp->off = true;
	} else if (!speech_audio_present(&v, &err)) {
		sp->off = true;
		syslog(LOG_NOTICE, _("speech is off: %s"), err ? err : "?");
	}
	free(err);
}

bool speaker_available(const struct speaker *sp)
{
	return sp && !sp->off;
}

bool speaker_speaking(struct speaker *sp)
{
	if (!sp || !sp->pid)
		return false;
	int status;
	pid_t done = waitpid(sp->pid, &status, WNOHANG);
	if (done == 0)
		return true;
	sp->pid = 0;
	/* Killed by us: stopped, not failed. Failed: off for good. */
	if (done > 0 && WIFEXITED(status) && WEXITSTATUS(status) != 0) {
		sp->off = true;
		syslog(LOG_WARNING, _("speech failed (status %d): the Listen button is hidden"),
		       WEXITSTATUS(status));
	}
	return false;
}

void speaker_stop(struct speaker *sp)
{
	if (!sp || !sp->pid)
		return;
	kill(sp->pid, SIGKILL);
	while (waitpid(sp->pid, NULL, 0) < 0 && errno == EINTR)
		;
	sp->pid = 0;
}

void speaker_say(struct speaker *sp, const char *text, const char *lang)
{
	speaker_stop(sp);
	if (!speaker_available(sp) || !text || !*text)
		return;
	int fds[2];
	if (pipe2(fds, O_CLOEXEC) != 0)
		return;
	const char *args[] = {"--lang", lang, "say", "--stdin", NULL};
	pid_t pid = self_spawn(sp->program, sp->config_path, sp->data_dir, fds[0], -1, args);
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return;
	}
	close(fds[0]);
	/* A screen's words fit the pipe's buffer: this never waits. */
	size_t len = strlen(text);
	ssize_t w = write(fds[1], text, len);
	(void)w;
	close(fds[1]);
	sp->pid = pid;
}
