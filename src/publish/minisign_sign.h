/* SPDX-License-Identifier: EUPL-1.2 */
/* minisign_sign: signing with a secret key made by `minisign -G`, in
 * minisign's own format, so that `minisign -V` and the terminals
 * (minisign.h) verify what the publisher signs. */
#ifndef AULATAULU_MINISIGN_SIGN_H
#define AULATAULU_MINISIGN_SIGN_H

#include <stdbool.h>
#include <stddef.h>

struct minisign_secret;

/* Reads the secret key file at path; an encrypted key (minisign -G
 * without -W) needs its password (NULL: none given). NULL and *err
 * (caller frees) when the file is no minisign secret key, the password is
 * missing or wrong, or memory runs out. The key lives in guarded memory. */
struct minisign_secret *minisign_secret_load(const char *path, const char *password, char **err);

/* Whether the key at path is encrypted (needs a password). */
bool minisign_secret_encrypted(const char *path);

/* The public key of secret, as the base64 line of a .pub file ("RWQ..."):
 * a string the caller frees. */
char *minisign_secret_public(const struct minisign_secret *secret);

/* The text of a .minisig file for len bytes of data: prehashed ("ED"),
 * with trusted_comment (one line). The caller frees it; NULL when out of
 * memory. */
char *minisign_sign(const struct minisign_secret *secret, const char *data, size_t len,
		    const char *trusted_comment);

void minisign_secret_free(struct minisign_secret *secret);

#endif
