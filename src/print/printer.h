/* SPDX-License-Identifier: EUPL-1.2 */
/* printer: a print job through CUPS (libcups, opened on first use): the
 * bytes sent to a queue, as they are (a raw queue for an ESC/POS receipt
 * printer) or as a PDF document CUPS makes ready for its printer, then
 * watched until it has printed. A printer out of paper,
 * off or stuck is not waited on: after wait_seconds the job is cancelled
 * and the message says what CUPS last said of it. */
#ifndef AULATAULU_PRINTER_H
#define AULATAULU_PRINTER_H

#include <stdbool.h>
#include <stddef.h>

/* Is queue raw, without a driver (what it is sent goes to the printer as
 * it is: a receipt printer)? False and *err when there is no such queue. */
bool printer_is_raw(const char *queue, bool *raw, char **err);

/* Prints data, of MIME type format ("application/vnd.cups-raw",
 * "application/pdf"). */
bool printer_send(const char *queue, const char *title, const char *format, const void *data,
		  size_t len, int wait_seconds, char **err);

#endif
