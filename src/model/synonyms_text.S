/* SPDX-License-Identifier: EUPL-1.2 */
/* The search's table of words for the same thing (data/search-words.txt),
 * built into the program as the demo feed is. */
	.section .rodata
	.global synonyms_text
	.balign 16
synonyms_text:
	.incbin "search-words.txt"
	.byte 0
	.section .note.GNU-stack,"",%progbits
