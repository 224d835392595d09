/* SPDX-License-Identifier: EUPL-1.2 */
/* minisign: verification of detached minisign signatures (Ed25519 over the
 * BLAKE2b-512 prehash, algorithm "ED"), with libsodium. The legacy
 * non-prehashed "Ed" form is refused, as the feed format requires. */
#ifndef AULATAULU_MINISIGN_H
#define AULATAULU_MINISIGN_H

#include <stdbool.h>
#include <stddef.h>

enum minisign_verdict {
	MINISIGN_VALID,
	MINISIGN_MISMATCH, /* a good signature by the key, of other data (a
			      publisher caught between writing the two files) */
	MINISIGN_REFUSED,  /* anything else: no signature, another key, ... */
};

/* Verifies data against sig_text (the .minisig file) with public_key (the
 * base64 line of a minisign public key, "RWQ..."). Unless valid, why
 * holds a reason a person can act on. */
enum minisign_verdict minisign_check(const char *public_key, const char *data, size_t len,
				     const char *sig_text, size_t sig_len, char *why,
				     size_t why_len);

/* minisign_check(...) == MINISIGN_VALID. */
bool minisign_verify(const char *public_key, const char *data, size_t len, const char *sig_text,
		     size_t sig_len, char *why, size_t why_len);

/* Checks that public_key is a minisign public key. */
bool minisign_key_valid(const char *public_key);

#endif
