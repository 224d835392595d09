/* SPDX-License-Identifier: EUPL-1.2 */
/* json_members: a JSON document's top-level object read member by member,
 * and an array member item by item, each key and value decoded by jansson
 * on its own (json_loadb with JSON_DISABLE_EOF_CHECK). A feed of 50,000
 * activities never becomes one tree in memory: one activity's at a time.
 * Only white space and the punctuation between values ({ } [ ] , :) are
 * stepped over here; everything else is jansson's to accept or refuse. */
#ifndef AULATAULU_JSON_MEMBERS_H
#define AULATAULU_JSON_MEMBERS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

struct json_members {
	const char *buf;
	char *owned; /* buf, when its memory may be given back as it is read */
	size_t len, pos;
	size_t released;	    /* buf before this is given back (zeros) */
	size_t released_lines;	    /* line ends before released */
	size_t released_line_start; /* where the line at released starts */
	bool first;		    /* no member, or no item of the array entered, read yet */
	json_error_t error;	    /* line and column in the whole document */
};

enum json_step { JSON_STEP_ITEM, JSON_STEP_END, JSON_STEP_ERROR };

/* Starts reading buf; false (r->error says why) when it does not start an
 * object. */
bool json_members_open(struct json_members *r, const char *buf, size_t len);

/* json_members_open for a document read once and freed after: r may give
 * its memory back as it goes (json_members_release_behind). */
bool json_members_open_consuming(struct json_members *r, char *buf, size_t len);

/* Gives the kernel back the whole pages of a consuming reader's document
 * left behind (once there is a megabyte of them): a 50 MB feed is not
 * held whole beside what is parsed from it. Their content reads as zeros
 * afterwards; r's positions and error lines stay right. */
void json_members_release_behind(struct json_members *r);

/* The next member's key (a new reference), JSON_STEP_END after the last
 * member (and nothing but white space after the object). */
enum json_step json_members_key(struct json_members *r, json_t **key);

/* The value of the member whose key was read, decoded whole (a new
 * reference). NULL with r->error when it is not valid. */
json_t *json_members_value(struct json_members *r);

/* When the value of the member whose key was read is an array, enters it
 * and returns true: its items come from json_members_item. */
bool json_members_enter_array(struct json_members *r);

/* The next item of the array entered, JSON_STEP_END after the last (and
 * back in the object). */
enum json_step json_members_item(struct json_members *r, json_t **item);

/* Where the reader is, after a member's key: json_members_seek comes back
 * there, to read that member's value again. */
size_t json_members_tell(const struct json_members *r);
void json_members_seek(struct json_members *r, size_t pos);

#endif
