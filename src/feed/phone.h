/* SPDX-License-Identifier: EUPL-1.2 */
/* phone: what a feed may give as a phone number, and its "tel:" URI (the
 * parsers check a phone field with it; the QR code of a number holds it). */
#ifndef AULATAULU_PHONE_H
#define AULATAULU_PHONE_H

/* Most digits in a phone number (E.164 has 15; room for an extension). */
#define PHONE_MAX_DIGITS 20

/* The "tel:" URI of a phone number (caller frees), or NULL when text is
 * not one: digits, spaces, "+" (first only), "-", "(" and ")", with 3 to
 * PHONE_MAX_DIGITS digits. */
char *phone_tel_uri(const char *text);

#endif
