/* SPDX-License-Identifier: EUPL-1.2 */
/* path: file names built without truncation. Every result is a new string
 * (the caller frees it) or NULL when out of memory, never a name cut short
 * in a fixed buffer. */
#ifndef AULATAULU_PATH_H
#define AULATAULU_PATH_H

/* dir + "/" + name. */
char *path_join(const char *dir, const char *name);

/* printf-style: the formatted name. */
char *path_format(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
