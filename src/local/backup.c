/* SPDX-License-Identifier: EUPL-1.2 */
/* backup: copies of local.db. */
#include "config.h"

#include "local/backup.h"

#include "util/err.h"
#include "util/journal.h"

#include "local/local_guard.h"
#include "util/path.h"
#include "util/i18n.h"

#include <dirent.h>
#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define PREFIX "local-"
#define TMP_SUFFIX ".tmp"

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

char **backup_list(const char *dir, size_t *n)
{
	*n = 0;
	char *path = path_join(dir, BACKUP_DIR);
	DIR *d = path ? opendir(path) : NULL;
	free(path);
	if (!d)
		return NULL;
	char **names = NULL;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (strncmp(e->d_name, PREFIX, strlen(PREFIX)) || !ends_with(e->d_name, ".db"))
			continue;
		char **grown = realloc(names, (*n + 1) * sizeof(*names));
		char *name = grown ? strdup(e->d_name) : NULL;
		if (grown)
			names = grown;
		if (!name)
			break;
		names[(*n)++] = name;
	}
	closedir(d);
	if (names)
		qsort(names, *n, sizeof(*names), compare_names);
	return names;
}

void backup_list_free(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* VACUUM INTO dst (which must not exist) from dir/local.db. */
static bool vacuum_into(const char *dir, const char *dst, char **err)
{
	char *src = path_join(dir, "local.db");
	sqlite3 *db = NULL;
	bool ok = src && sqlite3_open_v2(src, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK;
	sqlite3_stmt *st = NULL;
	if (ok)
		sqlite3_busy_timeout(db, 10000);
	ok = ok && sqlite3_prepare_v2(db, "VACUUM INTO ?", -1, &st, NULL) == SQLITE_OK &&
	     sqlite3_bind_text(st, 1, dst, -1, SQLITE_STATIC) == SQLITE_OK &&
	     sqlite3_step(st) == SQLITE_DONE;
	if (!ok)
		err_give(err, path_format(_("backing up local.db: %s"),
					  db ? sqlite3_errmsg(db) : _("out of memory")));
	sqlite3_finalize(st);
	sqlite3_close(db);
	free(src);
	return ok;
}

/* A copy of local.db at dst: written as dst.tmp, checked, renamed. */
static bool copy_to(const char *dir, const char *dst, char **err)
{
	char *tmp = path_format("%s" TMP_SUFFIX, dst);
	if (!tmp)
		return err_give(err, strdup(_("out of memory")));
	unlink(tmp); /* VACUUM INTO will not overwrite */
	int version = 0;
	bool ok = vacuum_into(dir, tmp, err);
	if (ok && (local_guard_check(tmp, &version, NULL) != LOCAL_HEALTHY || version < 1))
		ok = err_give(err,
			      path_format(_("backing up local.db: the copy %s is not whole"), tmp));
	if (ok && rename(tmp, dst) != 0)
		ok = err_give(err, path_format("%s: %s", dst, strerror(errno)));
	if (!ok)
		unlink(tmp);
	free(tmp);
	return ok;
}

static bool make_backup_dir(const char *dir, char **err)
{
	char *path = path_join(dir, BACKUP_DIR);
	bool ok = path && (mkdir(path, 0700) == 0 || errno == EEXIST);
	if (!ok)
		err_give(err, path ? path_format("%s: %s", path, strerror(errno))
				   : strdup(_("out of memory")));
	free(path);
	return ok;
}

/* Backups are written one at a time (under DATA_DIR/backups/.lock), so
 * that the last latest.db renamed into place is a copy made after every
 * change before it, and so that no process removes another's temporary
 * file. Returns the lock's descriptor, or -1. */
static int lock_backups(const char *dir, char **err)
{
	if (!make_backup_dir(dir, err))
		return -1;
	char *path = path_format("%s/" BACKUP_DIR "/.lock", dir);
	int fd = path ? open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600) : -1;
	if (fd >= 0 && flock(fd, LOCK_EX) != 0) {
		close(fd);
		fd = -1;
	}
	if (fd < 0)
		err_give(err, path ? path_format("%s: %s", path, strerror(errno))
				   : strdup(_("out of memory")));
	free(path);
	return fd;
}

static void unlock_backups(int fd)
{
	if (fd >= 0)
		close(fd);
}

/* Removes backups/NAME. */
static void remove_backup(const char *dir, const char *name)
{
	char *path = path_format("%s/" BACKUP_DIR "/%s", dir, name);
	if (path)
		unlink(path);
	free(path);
}

/* backup_local with the lock held. */
static bool backup_daily(const char *dir, int64_t now, char **err)
{
	char stamp[32];
	time_t t = (time_t)now;
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", &tm);
	char *dst = path_format("%s/" BACKUP_DIR "/" PREFIX "%s.db", dir, stamp);
	bool ok = dst ? copy_to(dir, dst, err) : err_give(err, strdup(_("out of memory")));
	free(dst);
	if (!ok)
		return false;
	size_t n;
	char **names = backup_list(dir, &n);
	for (size_t i = 0; i + BACKUP_KEEP < n; i++)
		remove_backup(dir, names[i]);
	backup_list_free(names, n);
	return true;
}

bool backup_local(const char *dir, int64_t now, char **err)
{
	int lock = lock_backups(dir, err);
	bool ok = lock >= 0 && backup_daily(dir, now, err);
	unlock_backups(lock);
	if (ok)
		journal_log(LOG_INFO, _("local.db backed up in %s/%s"), dir, BACKUP_DIR);
	else
		journal_log(LOG_ERR, _("local.db could not be backed up: %s"),
			    err && *err ? *err : "?");
	return ok;
}

bool backup_local_latest(const char *dir)
{
	int lock = lock_backups(dir, NULL);
	char *dst = path_format("%s/" BACKUP_DIR "/" BACKUP_LATEST, dir);
	bool ok = lock >= 0 && dst && copy_to(dir, dst, NULL);
	free(dst);
	unlock_backups(lock);
	return ok;
}

/* Whether backups/NAME is a whole copy of local.db (of its schema). */
static bool backup_whole(const char *dir, const char *name)
{
	char *file = path_format("%s/" BACKUP_DIR "/%s", dir, name);
	int version = 0;
	enum local_health h = file ? local_guard_check(file, &version, NULL) : LOCAL_UNREADABLE;
	free(file);
	/* Unreadable now is not broken: it may be read later. */
	return h == LOCAL_UNREADABLE || (h == LOCAL_HEALTHY && version >= 1);
}

/* Removes the temporary files of interrupted backups. */
static void remove_leftovers(const char *dir)
{
	char *path = path_join(dir, BACKUP_DIR);
	DIR *d = path ? opendir(path) : NULL;
	struct dirent *e;
	while (d && (e = readdir(d)))
		if (ends_with(e->d_name, TMP_SUFFIX))
			remove_backup(dir, e->d_name);
	if (d)
		closedir(d);
	free(path);
}

bool backup_local_if_due(const char *dir, int64_t now)
{
	int lock = lock_backups(dir, NULL);
	if (lock < 0)
		return false;
	remove_leftovers(dir);
	size_t n;
	char **names = backup_list(dir, &n);
	/* The newest whole backup says whether one is due; a broken one (cut
	 * short by an older version) is removed, not counted. */
	size_t newest = n;
	for (size_t i = n; i-- > 0 && newest == n;) {
		if (backup_whole(dir, names[i]))
			newest = i;
		else
			remove_backup(dir, names[i]);
	}
	bool due = true;
	struct tm tm = {0};
	if (newest < n && strptime(names[newest] + strlen(PREFIX), "%Y%m%d-%H%M%S", &tm)) {
		tm.tm_isdst = -1;
		due = now - (int64_t)mktime(&tm) >= 86400;
	}
	/* Once a day, with a new backup, the older ones are checked too, so
	 * that only whole ones count toward the BACKUP_KEEP kept. */
	for (size_t i = 0; due && i < newest && i < n; i++)
		if (!backup_whole(dir, names[i]))
			remove_backup(dir, names[i]);
	backup_list_free(names, n);
	char *err = NULL;
	bool ok = !due || backup_daily(dir, now, &err);
	free(err);
	unlock_backups(lock);
	return ok;
}
