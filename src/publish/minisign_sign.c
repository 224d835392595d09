/* SPDX-License-Identifier: EUPL-1.2 */
/* minisign_sign: minisign's secret keys and signatures, with libsodium. */
#include "config.h"

#include "publish/minisign_sign.h"

#include "util/i18n.h"
#include "util/path.h"

#include <errno.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define KEYNUM_BYTES 8

/* The layout of minisign's secret key file (minisign.h of minisign). */
struct keynum_sk {
	unsigned char keynum[KEYNUM_BYTES];
	unsigned char sk[crypto_sign_SECRETKEYBYTES];
	unsigned char chk[crypto_generichash_BYTES];
};

struct minisign_secret {
	unsigned char sig_alg[2], kdf_alg[2], chk_alg[2];
	unsigned char kdf_salt[crypto_pwhash_scryptsalsa208sha256_SALTBYTES];
	unsigned char kdf_opslimit_le[8], kdf_memlimit_le[8];
	struct keynum_sk keynum_sk;
};

static uint64_t load_le64(const unsigned char b[8])
{
	uint64_t v = 0;
	for (int i = 7; i >= 0; i--)
		v = v << 8 | b[i];
	return v;
}

/* The second line of the key file (the first is a comment), decoded into
 * *k; false when it is not a secret key in minisign's format. */
static bool read_key_file(const char *path, struct minisign_secret *k, char **err)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		*err =
		    path_format(_("the secret key %s cannot be read: %s"), path, strerror(errno));
		return false;
	}
	/* As ssh does: a secret key that others may read is no longer secret
	 * to them, and signs nothing until it is private again. */
	struct stat sb;
	if (fstat(fileno(f), &sb) == 0 && (sb.st_mode & 077)) {
		*err =
		    path_format(_("the secret key %s may be read or changed by other users (mode "
				  "%03o): make it private with chmod 600 %s"),
				path, (unsigned)(sb.st_mode & 0777), path);
		fclose(f);
		return false;
	}
	char comment[1024], line[512];
	bool read = fgets(comment, sizeof(comment), f) && fgets(line, sizeof(line), f);
	fclose(f);
	size_t got = 0;
	const char *end = NULL;
	size_t len = read ? strcspn(line, "\r\n") : 0;
	bool ok = read &&
		  sodium_base642bin((unsigned char *)k, sizeof(*k), line, len, " \t", &got, &end,
				    sodium_base64_VARIANT_ORIGINAL) == 0 &&
		  got == sizeof(*k) && memcmp(k->sig_alg, "Ed", 2) == 0 &&
		  memcmp(k->chk_alg, "B2", 2) == 0;
	sodium_memzero(line, sizeof(line));
	if (!ok)
		*err = path_format(_("%s is not a minisign secret key (make one with minisign -G)"),
				   path);
	return ok;
}

static void checksum(const struct minisign_secret *k, unsigned char chk[crypto_generichash_BYTES])
{
	crypto_generichash_state hs;
	crypto_generichash_init(&hs, NULL, 0, crypto_generichash_BYTES);
	crypto_generichash_update(&hs, k->sig_alg, sizeof(k->sig_alg));
	crypto_generichash_update(&hs, k->keynum_sk.keynum, sizeof(k->keynum_sk.keynum));
	crypto_generichash_update(&hs, k->keynum_sk.sk, sizeof(k->keynum_sk.sk));
	crypto_generichash_final(&hs, chk, crypto_generichash_BYTES);
}

/* Decrypts k's secret part with password (scrypt, as minisign does). */
static bool decrypt(struct minisign_secret *k, const char *password, char **err)
{
	unsigned char *stream = sodium_malloc(sizeof(k->keynum_sk));
	if (!stream) {
		*err = strdup(_("out of memory"));
		return false;
	}
	if (crypto_pwhash_scryptsalsa208sha256(
		stream, sizeof(k->keynum_sk), password, strlen(password), k->kdf_salt,
		load_le64(k->kdf_opslimit_le), (size_t)load_le64(k->kdf_memlimit_le)) != 0) {
		sodium_free(stream);
		*err = strdup(_("the password could not be turned into a key: too little memory "
				"for the key's scrypt parameters"));
		return false;
	}
	unsigned char *p = (unsigned char *)&k->keynum_sk;
	for (size_t i = 0; i < sizeof(k->keynum_sk); i++)
		p[i] ^= stream[i];
	sodium_free(stream);
	return true;
}

bool minisign_secret_encrypted(const char *path)
{
	struct minisign_secret k;
	char *err = NULL;
	bool encrypted = read_key_file(path, &k, &err) && memcmp(k.kdf_alg, "Sc", 2) == 0;
	sodium_memzero(&k, sizeof(k));
	free(err);
	return encrypted;
}

struct minisign_secret *minisign_secret_load(const char *path, const char *password, char **err)
{
	*err = NULL;
	struct minisign_secret *k = sodium_init() >= 0 ? sodium_malloc(sizeof(*k)) : NULL;
	if (!k) {
		*err = strdup(_("out of memory"));
		return NULL;
	}
	if (!read_key_file(path, k, err))
		goto fail;
	bool encrypted = memcmp(k->kdf_alg, "Sc", 2) == 0;
	if (!encrypted && memcmp(k->kdf_alg, "\0\0", 2) != 0) {
		*err = path_format(_("%s: a key derivation this version does not know"), path);
		goto fail;
	}
	if (encrypted && !password) {
		*err = path_format(_("the secret key %s is encrypted: give its password in "
				     "password_file or in AULATAULU_KEY_PASSWORD"),
				   path);
		goto fail;
	}
	if (encrypted && !decrypt(k, password, err))
		goto fail;
	/* minisign -W leaves the checksum of an unencrypted key zero. */
	unsigned char chk[crypto_generichash_BYTES];
	checksum(k, chk);
	bool unchecked = !encrypted && sodium_is_zero(k->keynum_sk.chk, sizeof(chk));
	if (!unchecked && sodium_memcmp(chk, k->keynum_sk.chk, sizeof(chk)) != 0) {
		*err = encrypted ? path_format(_("wrong password for the secret key %s"), path)
				 : path_format(_("the secret key %s is damaged (its checksum does "
						 "not match)"),
					       path);
		goto fail;
	}
	return k;
fail:
	sodium_free(k);
	return NULL;
}

char *minisign_secret_public(const struct minisign_secret *k)
{
	/* Ed25519's secret key ends with its public key. */
	unsigned char pub[2 + KEYNUM_BYTES + crypto_sign_PUBLICKEYBYTES];
	memcpy(pub, "Ed", 2);
	memcpy(pub + 2, k->keynum_sk.keynum, KEYNUM_BYTES);
	memcpy(pub + 2 + KEYNUM_BYTES, k->keynum_sk.sk + crypto_sign_SEEDBYTES,
	       crypto_sign_PUBLICKEYBYTES);
	size_t size = sodium_base64_ENCODED_LEN(sizeof(pub), sodium_base64_VARIANT_ORIGINAL);
	char *out = malloc(size);
	if (out)
		sodium_bin2base64(out, size, pub, sizeof(pub), sodium_base64_VARIANT_ORIGINAL);
	return out;
}

char *minisign_sign(const struct minisign_secret *k, const char *data, size_t len,
		    const char *trusted_comment)
{
	unsigned char line[2 + KEYNUM_BYTES + crypto_sign_BYTES];
	unsigned char hash[crypto_generichash_BYTES_MAX];
	crypto_generichash(hash, sizeof(hash), (const unsigned char *)data, len, NULL, 0);
	memcpy(line, "ED", 2);
	memcpy(line + 2, k->keynum_sk.keynum, KEYNUM_BYTES);
	unsigned char *sig = line + 2 + KEYNUM_BYTES;
	crypto_sign_detached(sig, NULL, hash, sizeof(hash), k->keynum_sk.sk);
	/* The global signature covers the signature and the trusted comment. */
	size_t tlen = strlen(trusted_comment);
	unsigned char *both = malloc(crypto_sign_BYTES + tlen);
	if (!both)
		return NULL;
	memcpy(both, sig, crypto_sign_BYTES);
	memcpy(both + crypto_sign_BYTES, trusted_comment, tlen);
	unsigned char global[crypto_sign_BYTES];
	crypto_sign_detached(global, NULL, both, crypto_sign_BYTES + tlen, k->keynum_sk.sk);
	free(both);
	char b64_line[sodium_base64_ENCODED_LEN(sizeof(line), sodium_base64_VARIANT_ORIGINAL)];
	char b64_global[sodium_base64_ENCODED_LEN(sizeof(global), sodium_base64_VARIANT_ORIGINAL)];
	sodium_bin2base64(b64_line, sizeof(b64_line), line, sizeof(line),
			  sodium_base64_VARIANT_ORIGINAL);
	sodium_bin2base64(b64_global, sizeof(b64_global), global, sizeof(global),
			  sodium_base64_VARIANT_ORIGINAL);
	return path_format("untrusted comment: signature from aulataulu publish\n%s\n"
			   "trusted comment: %s\n%s\n",
			   b64_line, trusted_comment, b64_global);
}

void minisign_secret_free(struct minisign_secret *k)
{
	if (k)
		sodium_free(k); /* sodium_free wipes it */
}
