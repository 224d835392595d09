/* SPDX-License-Identifier: EUPL-1.2 */
/* speech: espeak-ng, opened lazily. */
#include "config.h"

#include "speech/speech.h"

#include "util/err.h"
#include "util/i18n.h"
#include "util/lazy.h"
#include "util/path.h"

#include <espeak-ng/espeak_ng.h>
#include <pcaudiolib/audio.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define ESPEAK_FUNCTIONS(F)                                                                        \
	F(initialize_path, "espeak_ng_InitializePath", void, (const char *))                       \
	F(initialize, "espeak_ng_Initialize", espeak_ng_STATUS, (espeak_ng_ERROR_CONTEXT *))       \
	F(initialize_output, "espeak_ng_InitializeOutput", espeak_ng_STATUS,                       \
	  (espeak_ng_OUTPUT_MODE, int, const char *))                                              \
	F(sample_rate, "espeak_ng_GetSampleRate", int, (void))                                     \
	F(set_parameter, "espeak_ng_SetParameter", espeak_ng_STATUS, (espeak_PARAMETER, int, int)) \
	F(set_voice, "espeak_ng_SetVoiceByName", espeak_ng_STATUS, (const char *))                 \
	F(synthesize, "espeak_ng_Synthesize", espeak_ng_STATUS,                                    \
	  (const void *, size_t, unsigned int, espeak_POSITION_TYPE, unsigned int, unsigned int,   \
	   unsigned int *, void *))                                                                \
	F(synchronize, "espeak_ng_Synchronize", espeak_ng_STATUS, (void))                          \
	F(terminate, "espeak_ng_Terminate", espeak_ng_STATUS, (void))                              \
	F(set_callback, "espeak_SetSynthCallback", void, (t_espeak_callback *))                    \
	F(message, "espeak_ng_GetStatusCodeMessage", void, (espeak_ng_STATUS, char *, size_t))

static struct {
	ESPEAK_FUNCTIONS(LAZY_MEMBER)
} E;

/* pcaudiolib, espeak-ng's own audio library (libespeak-ng1 depends on
 * it): played through directly, its errors are seen (espeak-ng's playing
 * mode reports success with no sound card). */
#define PCAUDIO_FUNCTIONS(F)                                                                       \
	F(create, "create_audio_device_object", struct audio_object *,                             \
	  (const char *, const char *, const char *))                                              \
	F(open, "audio_object_open", int,                                                          \
	  (struct audio_object *, enum audio_object_format, uint32_t, uint8_t))                    \
	F(write, "audio_object_write", int, (struct audio_object *, const void *, size_t))         \
	F(drain, "audio_object_drain", int, (struct audio_object *))                               \
	F(close, "audio_object_close", void, (struct audio_object *))                              \
	F(destroy, "audio_object_destroy", void, (struct audio_object *))                          \
	F(strerror, "audio_object_strerror", const char *, (struct audio_object *, int))

static struct {
	PCAUDIO_FUNCTIONS(LAZY_MEMBER)
} A;

static bool load_audio(char **err)
{
	static struct lazy_lib lib;
	static const char *const names[] = {PCAUDIO_FUNCTIONS(LAZY_NAME)};
#define SLOT(member, symbol, ret, params) (void **)&A.member,
	void **const slots[] = {PCAUDIO_FUNCTIONS(SLOT)};
#undef SLOT
	return lazy_load(&lib, "libpcaudio.so.0", names, slots, LAZY_COUNT(names)) ||
	       err_give(err, path_format(_("no audio library: %s (install the Debian package "
					   "libpcaudio0)"),
					 lib.why));
}

static bool load(char **err)
{
	static struct lazy_lib lib;
	static const char *const names[] = {ESPEAK_FUNCTIONS(LAZY_NAME)};
#define SLOT(member, symbol, ret, params) (void **)&E.member,
	void **const slots[] = {ESPEAK_FUNCTIONS(SLOT)};
#undef SLOT
	return lazy_load(&lib, "libespeak-ng.so.1", names, slots, LAZY_COUNT(names)) ||
	       err_give(err, path_format(_("no speech synthesizer: %s (install the Debian "
					   "package libespeak-ng1)"),
					 lib.why));
}

static bool failed(espeak_ng_STATUS status, const char *what, char **err)
{
	char message[256] = "";
	E.message(status, message, sizeof(message));
	return err_give(err, path_format("%s: %s", what, message));
}

/* Initialises espeak-ng for mode and sets the voice; false with a message. */
static bool start(espeak_ng_OUTPUT_MODE mode, const struct speech_voice *v, char **err)
{
	if (!load(err))
		return false;
	E.initialize_path(NULL); /* where Debian put the voices */
	espeak_ng_STATUS st = E.initialize(NULL);
	if (st != ENS_OK)
		return failed(st, _("the speech synthesizer cannot start"), err);
	st = E.initialize_output(mode, 0, NULL);
	if (st != ENS_OK)
		return failed(st, _("no audio output for speech"), err);
	st = E.set_voice(v->lang);
	if (st != ENS_OK) {
		char what[128];
		snprintf(what, sizeof(what), _("no %s voice (the Debian package espeak-ng-data)"),
			 v->lang);
		return failed(st, what, err);
	}
	E.set_parameter(espeakRATE, v->rate, 0);
	E.set_parameter(espeakVOLUME, v->volume, 0);
	return true;
}

static bool say(const char *text, char **err)
{
	espeak_ng_STATUS st =
	    E.synthesize(text, strlen(text) + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, NULL, NULL);
	if (st == ENS_OK)
		st = E.synchronize();
	return st == ENS_OK || failed(st, _("speech failed"), err);
}

static bool exists_in(const char *dir, const char *name)
{
	char *path = dir ? path_join(dir, name) : NULL;
	bool ok = path && access(path, F_OK) == 0;
	free(path);
	return ok;
}

bool speech_audio_present(const struct speech_voice *v, char **err)
{
	const char *run = getenv("XDG_RUNTIME_DIR");
	if ((v->device && *v->device) || getenv("PULSE_SERVER") || exists_in(run, "pulse/native") ||
	    exists_in(run, "pipewire-0"))
		return true;
	char line[128] = "";
	FILE *f = fopen("/proc/asound/cards", "r");
	bool card = f && fgets(line, sizeof(line), f) && !strstr(line, "no soundcards");
	if (f)
		fclose(f);
	return card || err_say(err, _("no sound card or sound server to play speech on"));
}

/* Where the voice is played, and what went wrong there. */
static struct audio_object *audio;
static char audio_error[256];

static int play_samples(short *wav, int n, espeak_EVENT *events)
{
	(void)events;
	if (!wav || n <= 0 || *audio_error)
		return 0;
	int rc = A.write(audio, wav, (size_t)n * sizeof(*wav));
	if (rc != 0) {
		snprintf(audio_error, sizeof(audio_error), "%s", A.strerror(audio, rc));
		return 1; /* stop */
	}
	return 0;
}

bool speech_play(const char *text, const struct speech_voice *v, char **err)
{
	if (!speech_audio_present(v, err) || !load_audio(err) ||
	    !start(ENOUTPUT_MODE_SYNCHRONOUS, v, err))
		return false;
	*audio_error = '\0';
	audio = A.create(v->device && *v->device ? v->device : NULL, PACKAGE_NAME, _("Listen"));
	int rc =
	    audio ? A.open(audio, AUDIO_OBJECT_FORMAT_S16LE, (uint32_t)E.sample_rate(), 1) : -1;
	bool ok = rc == 0;
	if (!ok) {
		err_give(err, path_format("%s: %s", _("no audio output for speech"),
					  audio ? A.strerror(audio, rc) : _("out of memory")));
	} else {
		E.set_callback(play_samples);
		ok = say(text, err);
		if (ok && *audio_error)
			ok = err_give(err, path_format("%s: %s", _("speech failed"), audio_error));
		if (ok)
			A.drain(audio);
		A.close(audio);
	}
	if (audio)
		A.destroy(audio);
	audio = NULL;
	E.terminate();
	return ok;
}

/* What the synchronous mode hands over: 16-bit samples. */
static struct {
	int16_t *v;
	size_t n, cap;
	bool failed;
} samples;

static int keep_samples(short *wav, int n, espeak_EVENT *events)
{
	(void)events;
	if (!wav || n <= 0 || samples.failed)
		return 0;
	if (samples.n + (size_t)n > samples.cap) {
		size_t cap = samples.cap ? samples.cap * 2 : 1 << 16;
		while (cap < samples.n + (size_t)n)
			cap *= 2;
		int16_t *v = realloc(samples.v, cap * sizeof(*v));
		if (!v) {
			samples.failed = true;
			return 1; /* stop */
		}
		samples.v = v, samples.cap = cap;
	}
	memcpy(samples.v + samples.n, wav, (size_t)n * sizeof(*wav));
	samples.n += (size_t)n;
	return 0;
}

static void put_le(unsigned char *p, uint32_t v, int bytes)
{
	for (int i = 0; i < bytes; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static bool write_wav(const char *path, int rate, char **err)
{
	uint32_t data = (uint32_t)(samples.n * 2);
	unsigned char h[44];
	memcpy(h, "RIFF", 4), put_le(h + 4, 36 + data, 4), memcpy(h + 8, "WAVEfmt ", 8);
	put_le(h + 16, 16, 4), put_le(h + 20, 1, 2), put_le(h + 22, 1, 2);
	put_le(h + 24, (uint32_t)rate, 4), put_le(h + 28, (uint32_t)rate * 2, 4);
	put_le(h + 32, 2, 2), put_le(h + 34, 16, 2), memcpy(h + 36, "data", 4);
	put_le(h + 40, data, 4);
	FILE *f = fopen(path, "wb");
	bool ok = f && fwrite(h, 1, sizeof(h), f) == sizeof(h);
	for (size_t i = 0; ok && i < samples.n; i++) {
		unsigned char s[2];
		put_le(s, (uint16_t)samples.v[i], 2);
		ok = fwrite(s, 1, 2, f) == 2;
	}
	if (f && fclose(f) != 0)
		ok = false;
	if (!ok)
		err_give(err, path_format(_("%s: cannot be written"), path));
	return ok;
}

bool speech_wav(const char *text, const struct speech_voice *v, const char *path, char **err)
{
	samples.n = 0;
	samples.failed = false;
	bool ok = start(ENOUTPUT_MODE_SYNCHRONOUS, v, err);
	if (ok) {
		E.set_callback(keep_samples);
		ok = say(text, err);
	}
	if (ok && samples.failed)
		ok = err_say(err, _("out of memory"));
	if (ok)
		ok = write_wav(path, E.sample_rate(), err);
	if (E.terminate)
		E.terminate();
	free(samples.v);
	samples.v = NULL;
	samples.cap = samples.n = 0;
	return ok;
}
