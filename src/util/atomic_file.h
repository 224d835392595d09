/* SPDX-License-Identifier: EUPL-1.2 */
/* atomic_file: writes a file whole or not at all (mkstemp, fsync, rename),
 * so a power cut leaves the old or the new version, never half of one. */
#ifndef AULATAULU_ATOMIC_FILE_H
#define AULATAULU_ATOMIC_FILE_H

#include <stdbool.h>
#include <stddef.h>

/* Replaces path with len bytes of data. False and *err (caller frees) on
 * failure; path is then as it was. */
bool atomic_file_write(const char *path, const char *data, size_t len, char **err);

/* The same with permissions mode (atomic_file_write: 0600, private). */
bool atomic_file_write_mode(const char *path, const char *data, size_t len, unsigned mode,
			    char **err);

/* fsyncs directory dir, so that a rename in it survives a power cut. */
bool atomic_file_sync_dir(const char *dir);

#endif
