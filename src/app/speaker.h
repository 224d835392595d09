/* SPDX-License-Identifier: EUPL-1.2 */
/* speaker: the kiosk's voice. What a screen says is handed to a process
 * of its own (`aulataulu say --stdin`), so that synthesis and playback
 * never hold up the event loop, and a new touch, the idle reset or the
 * end of the kiosk ends it at once (SIGKILL: it holds nothing). Without a
 * sound card or server, with speech = off, or once speaking has failed,
 * there is nothing to press: the button is hidden and the journal says
 * why. */
#ifndef AULATAULU_SPEAKER_H
#define AULATAULU_SPEAKER_H

#include "util/settings.h"

#include <stdbool.h>
#include <sys/types.h>

struct speaker {
	const char *program, *config_path, *data_dir;
	pid_t pid; /* 0: silent */
	bool off;  /* nothing to speak with */
};

/* Ready to speak with cfg's voice; off when cfg says so or there is no
 * audio output (said in the journal). */
void speaker_init(struct speaker *sp, const struct settings *cfg, const char *program,
		  const char *config_path, const char *data_dir);

/* Can it speak (the Listen button is shown)? */
bool speaker_available(const struct speaker *sp);

/* Is it speaking now? Notes a speech process that has ended, and turns
 * the speaker off for good when it failed. */
bool speaker_speaking(struct speaker *sp);

/* Says text in lang (fi, sv, en), ending what it was saying. */
void speaker_say(struct speaker *sp, const char *text, const char *lang);

/* Stops speaking now. */
void speaker_stop(struct speaker *sp);

#endif
