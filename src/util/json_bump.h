/* SPDX-License-Identifier: EUPL-1.2 */
/* json_bump: jansson's allocations for the parse of one feed, taken from a
 * few large chunks and released together. A 10 MB feed is a tree of
 * hundreds of thousands of small objects: allocating each with malloc and
 * walking the tree to free them one by one was a tenth of the parse's
 * instructions (callgrind, make bench's feeds). */
#ifndef AULATAULU_JSON_BUMP_H
#define AULATAULU_JSON_BUMP_H

#include <stddef.h>

struct json_bump_chunk;

struct json_bump {
	struct json_bump_chunk *head;
	size_t next_size; /* of the next chunk: chunks double up to a limit */
};

/* From here to json_bump_end, every jansson allocation of this process
 * comes from b, and jansson's frees do nothing. Not for threads that use
 * jansson meanwhile; nothing made in between may outlive json_bump_end. */
void json_bump_begin(struct json_bump *b);

/* Forgets everything allocated so far (nothing of it may be used again),
 * keeping the newest chunk for what comes next: one item of a document
 * read item by item (json_members.h) after another in the same memory. */
void json_bump_reset(struct json_bump *b);

/* Gives jansson back malloc and free and releases everything b holds. */
void json_bump_end(struct json_bump *b);

#endif
