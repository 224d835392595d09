/* SPDX-License-Identifier: EUPL-1.2 */
/* pin: the admin PIN as an Argon2id hash, with persistent back-off. */
#include "config.h"

#include "local/pin.h"

#include "local/backup.h"
#include "util/i18n.h"
#include "local/local.h"
#include "store/store.h"

#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool pin_valid(const char *pin)
{
	size_t n = pin ? strlen(pin) : 0;
	if (n < PIN_MIN_DIGITS || n > PIN_MAX_DIGITS)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)pin[i]))
			return false;
	return true;
}

int64_t pin_wait_after(long failures)
{
	if (failures < PIN_FREE_TRIES)
		return 0;
	int64_t wait = PIN_FIRST_WAIT;
	for (long i = PIN_FREE_TRIES; i < failures && wait < PIN_MAX_WAIT; i++)
		wait *= 2;
	return wait > PIN_MAX_WAIT ? PIN_MAX_WAIT : wait;
}

static bool save_failures(struct store *s, long failures, int64_t wait_until)
{
	char a[32], b[32];
	snprintf(a, sizeof(a), "%ld", failures);
	snprintf(b, sizeof(b), "%lld", (long long)wait_until);
	return local_set_setting(s, "pin_failures", a) && local_set_setting(s, "pin_wait_until", b);
}

static int64_t setting_int(struct store *s, const char *key)
{
	char *v = local_setting(s, key);
	int64_t n = v ? strtoll(v, NULL, 10) : 0;
	free(v);
	return n;
}

struct new_pin {
	const char *hash, *origin;
	int64_t now;
};

static bool save_pin(struct store *s, void *arg)
{
	const struct new_pin *p = arg;
	return local_set_setting(s, "pin_hash", p->hash) && save_failures(s, 0, 0) &&
	       local_audit(s, p->origin, N_("PIN changed"), NULL, p->now);
}

bool pin_set(struct store *s, const char *pin, const char *origin, int64_t now, char **err)
{
	*err = NULL;
	if (!pin_valid(pin)) {
		*err = strdup(_("A PIN is 6 to 12 digits."));
		return false;
	}
	char hash[crypto_pwhash_STRBYTES];
	if (sodium_init() < 0 ||
	    crypto_pwhash_str(hash, pin, strlen(pin), crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
		*err = strdup(_("the PIN could not be hashed (out of memory?)"));
		return false;
	}
	struct new_pin p = {.hash = hash, .origin = origin, .now = now};
	bool ok = store_local_transaction(s, _("saving the PIN in local.db"), save_pin, &p, err);
	sodium_memzero(hash, sizeof(hash));
	if (ok) /* a damaged local.db will not lose the PIN */
		backup_local_latest(store_dir(s));
	return ok;
}

enum pin_result pin_check(struct store *s, const char *pin, int64_t now, int64_t *wait_until)
{
	if (wait_until)
		*wait_until = 0;
	char *hash = local_setting(s, "pin_hash");
	if (!hash || !*hash) {
		free(hash);
		return PIN_NOT_SET;
	}
	int64_t until = setting_int(s, "pin_wait_until");
	/* A wait is never longer than the longest: one set while the clock
	 * was a year ahead would otherwise lock the liaison person out for the
	 * year once the clock is put right. Kept, so that it ends. */
	if (until > now + PIN_MAX_WAIT) {
		until = now + PIN_MAX_WAIT;
		save_failures(s, setting_int(s, "pin_failures"), until);
	}
	if (now < until) {
		free(hash);
		if (wait_until)
			*wait_until = until;
		return PIN_WAIT;
	}
	bool right =
	    pin && sodium_init() >= 0 && crypto_pwhash_str_verify(hash, pin, strlen(pin)) == 0;
	free(hash);
	if (right) {
		save_failures(s, 0, 0);
		local_audit(s, "ui", N_("admin login"), NULL, now);
		return PIN_OK;
	}
	long failures = (long)setting_int(s, "pin_failures") + 1;
	int64_t wait = pin_wait_after(failures);
	if (!save_failures(s, failures, wait ? now + wait : 0))
		return PIN_ERROR;
	local_audit(s, "ui", N_("wrong PIN"), NULL, now);
	if (wait_until)
		*wait_until = wait ? now + wait : 0;
	return PIN_WRONG;
}
