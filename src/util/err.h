/* SPDX-License-Identifier: EUPL-1.2 */
/* err: how a function hands its caller a message: through char **err,
 * a new string the caller frees (NULL: the caller does not want it). */
#ifndef AULATAULU_ERR_H
#define AULATAULU_ERR_H

#include <stdbool.h>

/* Gives msg (a new string, or NULL when out of memory) to *err, or frees
 * it when err is NULL. Returns false, for `return err_give(err, ...)`. */
bool err_give(char **err, char *msg);

/* The same with a copy of msg. */
bool err_say(char **err, const char *msg);

#endif
