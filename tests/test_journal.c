/* SPDX-License-Identifier: EUPL-1.2 */
/* What reaches systemd's journal, and with which priority: each test runs
 * in a mount namespace of its own with a tmpfs on /run, where it listens
 * on /run/systemd/journal/socket as journald does, so the real
 * sd_journal_send of the program (and of the library, in process) talks
 * to it. Needs root, as .ci/run is. */
#include "config.h"

#include "local/backup.h"
#include "helpers.h"
#include "util/i18n.h"
#include "local/pin.h"
#include "store/store.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

static char *dir;
static int journal = -1;

static void setup(void)
{
	dir = test_tmpdir();
	if (geteuid() != 0 || unshare(CLONE_NEWNS) != 0)
		cr_skip_test("needs root and a mount namespace of its own (.ci/run runs as root)");
	cr_assert_eq(mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL), 0, "%s", strerror(errno));
	cr_assert_eq(mount("tmpfs", "/run", "tmpfs", 0, "mode=0755"), 0, "%s", strerror(errno));
	cr_assert_eq(mkdir("/run/systemd", 0755), 0);
	cr_assert_eq(mkdir("/run/systemd/journal", 0755), 0);
	journal = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	struct sockaddr_un addr = {.sun_family = AF_UNIX,
				   .sun_path = "/run/systemd/journal/socket"};
	cr_assert_eq(bind(journal, (struct sockaddr *)&addr, sizeof(addr)), 0, "%s",
		     strerror(errno));
	i18n_set_language("en");
}

static void teardown(void)
{
	if (journal >= 0)
		close(journal);
	test_rmdir(dir);
	free(dir);
}

TestSuite(journal, .init = setup, .fini = teardown, .timeout = 60);

/* Every entry received so far, each as journald gets it (KEY=value
 * lines), separated by blank lines. */
static char *entries(void)
{
	size_t len = 0, cap = 65536;
	char *all = calloc(1, cap);
	for (;;) {
		char buf[8192];
		ssize_t n = recv(journal, buf, sizeof(buf) - 1, 0);
		if (n <= 0)
			break;
		if (len + (size_t)n + 2 >= cap)
			all = realloc(all, cap *= 2);
		memcpy(all + len, buf, (size_t)n);
		len += (size_t)n;
		all[len++] = '\n';
		all[len] = '\0';
	}
	return all;
}

/* Whether an entry of all has priority and a MESSAGE containing what. */
static bool has_entry(const char *all, int priority, const char *what)
{
	char want[16];
	snprintf(want, sizeof(want), "PRIORITY=%d\n", priority);
	for (const char *e = all; e && *e;) {
		const char *end = strstr(e, "\n\n");
		size_t n = end ? (size_t)(end - e) + 1 : strlen(e);
		char *one = strndup(e, n);
		bool match = strstr(one, want) && strstr(one, "SYSLOG_IDENTIFIER=aulataulu\n") &&
			     strstr(one, "MESSAGE=") && strstr(strstr(one, "MESSAGE="), what);
		free(one);
		if (match)
			return true;
		e = end ? end + 2 : NULL;
	}
	return false;
}

Test(journal, each_sync_result_is_in_the_journal_with_its_priority)
{
	char *conf = test_path(dir, "aulataulu.conf");
	test_write_file(conf,
			"[source demo]\nurl = bundled:demo\nformat = demo\n"
			"[source rikki]\nurl = file:///nonexistent/feed.json\nallow_file = yes\n");
	struct run r;
	test_run_in(&r, dir, conf, (const char *const[]){"sync", NULL});
	cr_assert_eq(r.status, 1, "%s", r.err);
	test_run_free(&r);
	char *all = entries();
	cr_assert(has_entry(all, 6, "demo: updated to version"), "no LOG_INFO update in:\n%s", all);
	cr_assert(has_entry(all, 4, "rikki: sync failed, the cache is unchanged"),
		  "no LOG_WARNING failure in:\n%s", all);
	cr_assert(has_entry(all, 4, "; next try "), "the back-off is not said:\n%s", all);
	free(all);
	free(conf);
}

Test(journal, logins_wrong_pins_and_backups_are_in_the_journal)
{
	char *err = NULL;
	struct store *s = store_open(dir, STORE_READ, &err);
	cr_assert_not_null(s, "%s", err);
	cr_assert(pin_set(s, "482915", "cli", TEST_NOW, &err), "%s", err);
	cr_assert_eq(pin_check(s, "000000", TEST_NOW, NULL), PIN_WRONG);
	cr_assert_eq(pin_check(s, "482915", TEST_NOW, NULL), PIN_OK);
	store_close(s);
	cr_assert(backup_local(dir, TEST_NOW, &err), "%s", err);
	char *all = entries();
	cr_assert(has_entry(all, 4, "wrong PIN (ui)"), "no LOG_WARNING wrong PIN in:\n%s", all);
	cr_assert(has_entry(all, 5, "admin login (ui)"), "no LOG_NOTICE login in:\n%s", all);
	cr_assert(has_entry(all, 5, "PIN changed (cli)"), "no LOG_NOTICE PIN change in:\n%s", all);
	cr_assert(has_entry(all, 6, "local.db backed up in "), "no LOG_INFO backup in:\n%s", all);
	cr_assert(!strstr(all, "482915"), "the PIN reached the journal:\n%s", all);
	free(all);
}
