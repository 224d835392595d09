/* SPDX-License-Identifier: EUPL-1.2 */
/* minisign: verification of detached minisign signatures. */
#include "config.h"

#include "util/minisign.h"
#include "util/i18n.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define KEYNUM_BYTES 8

struct pubkey {
	unsigned char alg[2], keynum[KEYNUM_BYTES], pk[crypto_sign_PUBLICKEYBYTES];
};

struct sigline {
	unsigned char alg[2], keynum[KEYNUM_BYTES], sig[crypto_sign_BYTES];
};

static bool decode(const char *b64, size_t b64_len, void *out, size_t out_len)
{
	size_t got = 0;
	const char *end = NULL;
	if (sodium_base642bin(out, out_len, b64, b64_len, " \t\r", &got, &end,
			      sodium_base64_VARIANT_ORIGINAL) != 0)
		return false;
	return got == out_len && end == b64 + b64_len;
}

static bool parse_key(const char *text, struct pubkey *k)
{
	return sodium_init() >= 0 && text && decode(text, strlen(text), k, sizeof(*k)) &&
	       memcmp(k->alg, "Ed", 2) == 0;
}

bool minisign_key_valid(const char *public_key)
{
	struct pubkey k;
	return parse_key(public_key, &k);
}

/* Splits text into its first four lines; false when there are fewer. */
static bool split_lines(const char *text, size_t len, const char *line[4], size_t line_len[4])
{
	const char *p = text, *end = text + len;
	for (int i = 0; i < 4; i++) {
		if (p >= end)
			return false;
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *stop = nl ? nl : end;
		line[i] = p;
		line_len[i] = (size_t)(stop - p);
		if (line_len[i] && p[line_len[i] - 1] == '\r')
			line_len[i]--;
		p = nl ? nl + 1 : end;
	}
	return true;
}

enum minisign_verdict minisign_check(const char *public_key, const char *data, size_t len,
				     const char *sig_text, size_t sig_len, char *why,
				     size_t why_len)
{
	static const char trusted[] = "trusted comment: ";
	struct pubkey k;
	struct sigline s;
	const char *line[4];
	size_t line_len[4];
	if (!parse_key(public_key, &k)) {
		snprintf(why, why_len, _("the configured public_key is not a minisign public key"));
		return MINISIGN_REFUSED;
	}
	if (!split_lines(sig_text, sig_len, line, line_len) ||
	    !decode(line[1], line_len[1], &s, sizeof(s))) {
		snprintf(why, why_len, _("the signature file is not in minisign format"));
		return MINISIGN_REFUSED;
	}
	if (memcmp(s.alg, "ED", 2) != 0) {
		snprintf(why, why_len,
			 _("the signature uses the legacy non-prehashed form; re-sign "
			   "with a current minisign"));
		return MINISIGN_REFUSED;
	}
	if (memcmp(s.keynum, k.keynum, KEYNUM_BYTES) != 0) {
		snprintf(why, why_len,
			 _("the feed was signed with another key than the configured one"));
		return MINISIGN_REFUSED;
	}
	unsigned char hash[crypto_generichash_BYTES_MAX];
	crypto_generichash(hash, sizeof(hash), (const unsigned char *)data, len, NULL, 0);
	if (crypto_sign_verify_detached(s.sig, hash, sizeof(hash), k.pk) != 0) {
		snprintf(why, why_len,
			 _("the signature does not match the feed (altered in transit, or "
			   "fetched while the publisher replaced it)"));
		return MINISIGN_MISMATCH;
	}
	/* The global signature covers the signature and the trusted comment. */
	unsigned char global[crypto_sign_BYTES];
	size_t tlen = sizeof(trusted) - 1;
	if (line_len[2] < tlen || memcmp(line[2], trusted, tlen) != 0 ||
	    !decode(line[3], line_len[3], global, sizeof(global))) {
		snprintf(why, why_len, _("the signature file has no valid trusted comment"));
		return MINISIGN_REFUSED;
	}
	size_t comment_len = line_len[2] - tlen;
	unsigned char msg[crypto_sign_BYTES + 1024];
	if (comment_len > sizeof(msg) - crypto_sign_BYTES) {
		snprintf(why, why_len, _("the trusted comment is too long"));
		return MINISIGN_REFUSED;
	}
	memcpy(msg, s.sig, crypto_sign_BYTES);
	memcpy(msg + crypto_sign_BYTES, line[2] + tlen, comment_len);
	if (crypto_sign_verify_detached(global, msg, crypto_sign_BYTES + comment_len, k.pk) != 0) {
		snprintf(why, why_len, _("the trusted comment of the signature was altered"));
		return MINISIGN_REFUSED;
	}
	return MINISIGN_VALID;
}

bool minisign_verify(const char *public_key, const char *data, size_t len, const char *sig_text,
		     size_t sig_len, char *why, size_t why_len)
{
	return minisign_check(public_key, data, len, sig_text, sig_len, why, why_len) ==
	       MINISIGN_VALID;
}
