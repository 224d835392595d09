/* SPDX-License-Identifier: EUPL-1.2 */
/* cli_say: `aulataulu say`, an activity read aloud as the kiosk's Listen
 * button reads it, for the liaison person to hear it and for tests (a WAV
 * file, or the text alone); `say --stdin` is how the kiosk speaks, in a
 * process of its own that it ends at the next touch. */
#include "config.h"

#include "cli/cli.h"

#include "model/model.h"
#include "speech/speech.h"
#include "speech/speech_text.h"
#include "store/store.h"
#include "util/i18n.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char say_usage[] =
    N_("usage: aulataulu say [--source NAME] ID [--text | --wav FILE], aulataulu say --stdin "
       "[--wav FILE]");

/* Most text read from standard input. */
#define SAY_MAX_TEXT (64 * 1024)

static char *read_stdin(void)
{
	char *text = malloc(SAY_MAX_TEXT + 1);
	size_t n = text ? fread(text, 1, SAY_MAX_TEXT, stdin) : 0;
	if (text)
		text[n] = '\0';
	return text;
}

/* Activity id (of source given, or the only one that has it) as said in c's language. */
static char *activity_text(struct cli *c, const char *given, const char *id)
{
	struct store *s = cli_open_store(c, STORE_READ);
	if (!s)
		return NULL;
	char *err = NULL, *source = NULL, *text = NULL;
	struct activity_detail d;
	if (cli_pick_source(s, id, false, given, &source, &err) &&
	    model_activity(s, source, id, i18n_language(), c->now, &d, &err)) {
		text = speech_activity(&d, i18n_language());
		activity_detail_free(&d);
		if (!text)
			cli_error("%s", _("out of memory"));
	} else {
		cli_error("%s", err ? err : _("there is no such activity in the listings"));
	}
	free(err);
	free(source);
	store_close(s);
	return text;
}

int cmd_say(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {{"source", required_argument, NULL, 's'},
					     {"wav", required_argument, NULL, 'w'},
					     {"text", no_argument, NULL, 't'},
					     {"stdin", no_argument, NULL, 'i'},
					     {NULL, 0, NULL, 0}};
	const char *source = NULL, *wav = NULL;
	bool text_only = false, from_stdin = false, bad = false;
	int opt;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (opt == 's')
			source = optarg;
		else if (opt == 'w')
			wav = optarg;
		else if (opt == 't')
			text_only = true;
		else if (opt == 'i')
			from_stdin = true;
		else
			bad = true;
	}
	int ids = argc - optind;
	if (bad || (from_stdin ? ids != 0 || source || text_only : ids != 1) ||
	    (text_only && wav)) {
		cli_error("%s", _(say_usage));
		return EXIT_USAGE;
	}
	char *text = from_stdin ? read_stdin() : activity_text(c, source, argv[optind]);
	if (!text)
		return EXIT_FAILED;
	if (text_only) {
		printf("%s\n", text);
		free(text);
		return fflush(stdout) == 0 ? EXIT_OK : EXIT_FAILED;
	}
	struct speech_voice v = {.lang = i18n_language(),
				 .rate = (int)c->cfg.speech_rate,
				 .volume = (int)c->cfg.speech_volume,
				 .device = c->cfg.speech_device};
	char *err = NULL;
	bool ok = wav ? speech_wav(text, &v, wav, &err) : speech_play(text, &v, &err);
	if (!ok)
		cli_error("%s", err ? err : "?");
	free(err);
	free(text);
	return ok ? EXIT_OK : EXIT_FAILED;
}
