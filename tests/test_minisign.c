/* SPDX-License-Identifier: EUPL-1.2 */
/* Tests of src/util/minisign.c against signatures made by the real minisign. */
#include "config.h"

#include "helpers.h"
#include "util/minisign.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

static char *dir, *pubkey;
static const char feed[] = "{\"format\": \"aulataulu-feed\"}\n";

/* Runs `tool args` in the test directory; tool "minisign" is $MINISIGN. */
static void sh(const char *tool, const char *args)
{
	if (strcmp(tool, "minisign") == 0) {
		test_minisign(dir, args);
		return;
	}
	char cmd[2048];
	snprintf(cmd, sizeof(cmd), "cd %s && %s %s", dir, tool, args);
	cr_assert_eq(system(cmd), 0, "`%s` failed", cmd);
}

static void setup(void)
{
	dir = test_tmpdir();
	char *path = test_path(dir, "feed.json");
	test_write_file(path, feed);
	free(path);
	sh("minisign", "-G -W -p pub -s sec >/dev/null");
	sh("minisign", "-G -W -p other.pub -s other.sec >/dev/null");
	sh("minisign", "-S -s sec -m feed.json -t 'sequence 5' >/dev/null");
	pubkey = test_minisign_key(dir, "pub");
}

static void teardown(void)
{
	test_rmdir(dir);
	free(dir);
	free(pubkey);
}

TestSuite(minisign, .init = setup, .fini = teardown);

static bool verify(const char *key, const char *data, const char *sigfile, char *why)
{
	char *path = test_path(dir, sigfile);
	size_t len;
	char *sig = test_read_file(path, &len);
	cr_assert_not_null(sig);
	bool ok = minisign_verify(key, data, strlen(data), sig, len, why, 160);
	free(sig);
	free(path);
	return ok;
}

Test(minisign, accepts_a_good_signature)
{
	char why[160] = "";
	cr_assert(verify(pubkey, feed, "feed.json.minisig", why), "%s", why);
	cr_assert(minisign_key_valid(pubkey));
	cr_assert_not(minisign_key_valid("RWQnotakey"));
}

Test(minisign, refuses_a_tampered_feed)
{
	char why[160];
	char *tampered = strdup(feed);
	tampered[5] ^= 1;
	cr_assert_not(verify(pubkey, tampered, "feed.json.minisig", why));
	cr_assert(strstr(why, "does not match"), "%s", why);
	free(tampered);
}

Test(minisign, refuses_another_key)
{
	char why[160];
	char *other = test_minisign_key(dir, "other.pub");
	cr_assert_not(verify(other, feed, "feed.json.minisig", why));
	cr_assert(strstr(why, "another key"), "%s", why);
	free(other);
}

Test(minisign, refuses_the_legacy_form)
{
	char why[160];
	sh("minisign", "-S -l -s sec -m feed.json -x legacy.minisig >/dev/null");
	cr_assert_not(verify(pubkey, feed, "legacy.minisig", why));
	cr_assert(strstr(why, "legacy"), "%s", why);
}

Test(minisign, refuses_an_edited_trusted_comment)
{
	char why[160];
	sh("sed", "'s/sequence 5/sequence 9/' feed.json.minisig > edited.minisig");
	cr_assert_not(verify(pubkey, feed, "edited.minisig", why));
	cr_assert(strstr(why, "trusted comment"), "%s", why);
}

Test(minisign, refuses_garbage)
{
	char why[160];
	cr_assert_not(
	    minisign_verify(pubkey, feed, strlen(feed), "<html>404</html>", 16, why, sizeof(why)));
	cr_assert(strstr(why, "not in minisign format"), "%s", why);
}
