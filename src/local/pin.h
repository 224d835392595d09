/* SPDX-License-Identifier: EUPL-1.2 */
/* pin: the admin PIN, stored only as an Argon2id hash (libsodium
 * crypto_pwhash_str) in local.db. Wrong PINs slow down: after 3 failures
 * a wait of 30 s, doubling with each further failure up to 15 min, kept in
 * local.db so that pulling the plug does not reset it. Never a permanent
 * lock-out: the right PIN after the wait always works. */
#ifndef AULATAULU_PIN_H
#define AULATAULU_PIN_H

#include <stdbool.h>
#include <stdint.h>

struct store;

#define PIN_FREE_TRIES 3
#define PIN_FIRST_WAIT 30
#define PIN_MAX_WAIT (15 * 60)

enum pin_result {
	PIN_OK,
	PIN_WRONG,   /* *wait_until says when the next try is allowed (0: now) */
	PIN_WAIT,    /* too soon after failures: not even checked */
	PIN_NOT_SET, /* no PIN yet: `aulataulu pin set` */
	PIN_ERROR,
};

/* A new PIN is 6 to 12 digits: a 4-digit PIN copied with local.db was
 * found offline in seconds. (A shorter PIN set by an older version still
 * works until it is changed.) */
#define PIN_MIN_DIGITS 6
#define PIN_MAX_DIGITS 12
bool pin_valid(const char *pin);

/* Stores the hash of pin (which must be valid); resets the back-off. */
bool pin_set(struct store *s, const char *pin, const char *origin, int64_t now, char **err);

/* Checks pin at time now; *wait_until (may be NULL) receives the earliest
 * time of the next try when it is not now. */
enum pin_result pin_check(struct store *s, const char *pin, int64_t now, int64_t *wait_until);

/* The wait after `failures` wrong PINs in a row (0 while under 3). */
int64_t pin_wait_after(long failures);

#endif
