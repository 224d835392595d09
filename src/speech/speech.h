/* SPDX-License-Identifier: EUPL-1.2 */
/* speech: text read aloud with espeak-ng (libespeak-ng, opened on first
 * use: nothing but `aulataulu say` loads it, so the kiosk starts without
 * it and a hang in audio hangs only that process). Its Finnish, Swedish
 * and English voices. */
#ifndef AULATAULU_SPEECH_H
#define AULATAULU_SPEECH_H

#include <stdbool.h>

struct speech_voice {
	const char *lang;   /* "fi", "sv" or "en" */
	int rate;	    /* words a minute */
	int volume;	    /* 0-200, 100 normal */
	const char *device; /* the audio device, or NULL: the system's */
};

/* Is there anything to play speech on: v's device, a sound server
 * (PipeWire's or PulseAudio's socket) or an ALSA sound card? false with a
 * message when not (then espeak-ng would "speak" into nothing). Reads a
 * few files; loads nothing. */
bool speech_audio_present(const struct speech_voice *v, char **err);

/* Speaks text aloud and returns when it has been said; false with a
 * message when there is no synthesizer, voice or audio output. */
bool speech_play(const char *text, const struct speech_voice *v, char **err);

/* Writes text as spoken into a WAV file (16-bit mono, the synthesizer's
 * rate) instead: the same voice, no sound card needed. */
bool speech_wav(const char *text, const struct speech_voice *v, const char *path, char **err);

#endif
