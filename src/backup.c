/* backup: copies of local.db, and its restoration when it is damaged. */
#include "config.h"

#include "backup.h"

#include <dirent.h>
#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define PREFIX "local-"

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The backups' names, oldest first (names sort by time); caller frees. */
static char **list_backups(const char *dir, size_t *n)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/backups", dir);
	*n = 0;
	DIR *d = opendir(path);
	if (!d)
		return NULL;
	char **names = NULL;
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (strncmp(e->d_name, PREFIX, strlen(PREFIX)) || len < 4 ||
		    strcmp(e->d_name + len - 3, ".db"))
			continue;
		char **grown = realloc(names, (*n + 1) * sizeof(*names));
		if (!grown)
			break;
		names = grown;
		names[(*n)++] = strdup(e->d_name);
	}
	closedir(d);
	if (names)
		qsort(names, *n, sizeof(*names), compare_names);
	return names;
}

static void free_names(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* VACUUM INTO dst (which must not exist) from dir/local.db. */
static bool vacuum_into(const char *dir, const char *dst, char **err)
{
	char src[4096];
	snprintf(src, sizeof(src), "%s/local.db", dir);
	sqlite3 *db;
	bool ok = sqlite3_open_v2(src, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK;
	sqlite3_stmt *st = NULL;
	ok = ok && sqlite3_prepare_v2(db, "VACUUM INTO ?", -1, &st, NULL) == SQLITE_OK &&
	     sqlite3_bind_text(st, 1, dst, -1, SQLITE_STATIC) == SQLITE_OK &&
	     sqlite3_step(st) == SQLITE_DONE;
	if (!ok && err && asprintf(err, "backing up local.db: %s", sqlite3_errmsg(db)) < 0)
		*err = NULL;
	sqlite3_finalize(st);
	sqlite3_close(db);
	return ok;
}

static bool make_backup_dir(const char *dir, char **err)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/backups", dir);
	if (mkdir(path, 0750) == 0 || errno == EEXIST)
		return true;
	if (err && asprintf(err, "%s: %s", path, strerror(errno)) < 0)
		*err = NULL;
	return false;
}

bool backup_local(const char *dir, int64_t now, char **err)
{
	char dst[4200], stamp[32];
	time_t t = (time_t)now;
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", &tm);
	if (!make_backup_dir(dir, err))
		return false;
	snprintf(dst, sizeof(dst), "%s/backups/" PREFIX "%s.db", dir, stamp);
	unlink(dst); /* VACUUM INTO will not overwrite */
	if (!vacuum_into(dir, dst, err))
		return false;
	size_t n;
	char **names = list_backups(dir, &n);
	for (size_t i = 0; i + BACKUP_KEEP < n; i++) {
		snprintf(dst, sizeof(dst), "%s/backups/%s", dir, names[i]);
		unlink(dst);
	}
	free_names(names, n);
	return true;
}

bool backup_local_latest(const char *dir)
{
	char tmp[4200], dst[4200];
	snprintf(tmp, sizeof(tmp), "%s/backups/latest.db.tmp", dir);
	snprintf(dst, sizeof(dst), "%s/backups/latest.db", dir);
	unlink(tmp);
	return make_backup_dir(dir, NULL) && vacuum_into(dir, tmp, NULL) && rename(tmp, dst) == 0;
}

bool backup_local_if_due(const char *dir, int64_t now)
{
	size_t n;
	char **names = list_backups(dir, &n);
	bool due = true;
	if (n) {
		struct tm tm = {0};
		if (strptime(names[n - 1] + strlen(PREFIX), "%Y%m%d-%H%M%S", &tm)) {
			tm.tm_isdst = -1;
			due = now - (int64_t)mktime(&tm) >= 86400;
		}
	}
	free_names(names, n);
	char *err = NULL;
	bool ok = !due || backup_local(dir, now, &err);
	free(err);
	return ok;
}

/* quick_check of path, and its user_version; false when it is damaged. */
static bool healthy(const char *path, int *version)
{
	sqlite3 *db;
	sqlite3_stmt *st = NULL;
	bool ok = sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
		  sqlite3_prepare_v2(db, "PRAGMA quick_check", -1, &st, NULL) == SQLITE_OK &&
		  sqlite3_step(st) == SQLITE_ROW &&
		  strcmp((const char *)sqlite3_column_text(st, 0), "ok") == 0;
	sqlite3_finalize(st);
	st = NULL;
	if (ok && version &&
	    sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		*version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return ok;
}

static bool copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = in ? fopen(to, "wb") : NULL;
	char buf[65536];
	size_t n;
	bool ok = in && out;
	while (ok && (n = fread(buf, 1, sizeof(buf), in)) > 0)
		ok = fwrite(buf, 1, n, out) == n;
	ok = ok && !ferror(in) && fflush(out) == 0 && fsync(fileno(out)) == 0;
	if (in)
		fclose(in);
	if (out && fclose(out) != 0)
		ok = false;
	return ok;
}

bool backup_prepare_local(const char *dir, int latest, int64_t now, char **note)
{
	char path[4096], aside[4200], side[4300];
	*note = NULL;
	snprintf(path, sizeof(path), "%s/local.db", dir);
	if (access(path, F_OK) != 0)
		return true; /* first start: created by the store */
	int version = 0;
	if (healthy(path, &version)) {
		if (version > 0 && version < latest) {
			char *err = NULL;
			bool ok = backup_local(dir, now, &err);
			free(err);
			return ok;
		}
		return true;
	}
	/* Damaged: keep it for inspection, then the newest good backup. */
	snprintf(aside, sizeof(aside), "%s.corrupt-%lld", path, (long long)now);
	if (rename(path, aside) != 0)
		return false;
	for (const char *ext = "-wal"; ext; ext = strcmp(ext, "-wal") == 0 ? "-shm" : NULL) {
		snprintf(side, sizeof(side), "%s%s", path, ext);
		unlink(side);
	}
	size_t n;
	char **names = list_backups(dir, &n);
	bool restored = false;
	/* latest.db (after the last change) first, then the dailies, newest first. */
	for (size_t i = n + 1; i-- > 0 && !restored;) {
		const char *name = i == n ? "latest.db" : names[i];
		snprintf(side, sizeof(side), "%s/backups/%s", dir, name);
		if (access(side, R_OK) == 0 && healthy(side, NULL) && copy_file(side, path)) {
			restored = true;
			if (asprintf(note,
				     "local.db was damaged and was restored from the backup %s",
				     name) < 0)
				*note = NULL;
		}
	}
	free_names(names, n);
	if (!restored && asprintf(note,
				  "local.db was damaged and no good backup was found: "
				  "local announcements start empty (the old file is %s)",
				  aside) < 0)
		*note = NULL;
	return true;
}
