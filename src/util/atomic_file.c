/* SPDX-License-Identifier: EUPL-1.2 */
/* atomic_file: whole-or-nothing file writes. */
#include "config.h"

#include "util/atomic_file.h"

#include "util/path.h"
#include "util/i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

bool atomic_file_sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return false;
	bool ok = fsync(fd) == 0;
	close(fd);
	return ok;
}

/* The directory that holds path, synced. */
static bool sync_dir(const char *path)
{
	char *copy = strdup(path);
	bool ok = copy && atomic_file_sync_dir(dirname(copy));
	free(copy);
	return ok;
}

bool atomic_file_write(const char *path, const char *data, size_t len, char **err)
{
	return atomic_file_write_mode(path, data, len, 0600, err);
}

bool atomic_file_write_mode(const char *path, const char *data, size_t len, unsigned mode,
			    char **err)
{
	char *tmp = path_format("%s.XXXXXX", path);
	int fd = tmp ? mkstemp(tmp) : -1;
	if (fd < 0)
		goto fail;
	for (size_t done = 0; done < len;) {
		ssize_t n = write(fd, data + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			goto fail_unlink;
		done += (size_t)n;
	}
	if (fchmod(fd, (mode_t)mode) != 0 || fsync(fd) != 0)
		goto fail_unlink;
	if (close(fd) != 0) {
		fd = -1;
		goto fail_unlink;
	}
	fd = -1;
	if (rename(tmp, path) != 0)
		goto fail_unlink;
	free(tmp);
	sync_dir(path);
	return true;
fail_unlink : {
	int saved = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	errno = saved;
}
fail:
	if (!tmp)
		errno = ENOMEM;
	free(tmp);
	if (asprintf(err, _("%s: cannot be written: %s"), path, strerror(errno)) < 0)
		*err = NULL;
	return false;
}
